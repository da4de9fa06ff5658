/**
 * AWS first deploy and destroy on the recorded plan: what a fresh account accepts, names that
 * cannot meet, and the ordering that lets a destroy finish.
 */
import assert from "node:assert/strict";
import type { DeployabilityContext } from "../../../policies/deployability/rule";
import { lambdaConcurrencyQuota } from "../../../policies/deployability/rules/lambda-concurrency-quota";
import { json, ofType, one, plan, withSecret } from "../../support/plan";
import { collisions } from "./lifecycle-helpers";
import { jsonInput, T } from "./plan-helpers";

const quota = (limit: number): DeployabilityContext => ({
  source: "plan",
  lambdaConcurrencyLimit: limit,
  lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit",
});

const AWS_DEV = { "eventstack:cloud": "aws" };

describe("AWS first deploy and destroy, on the plan", () => {
  describe("concurrency", () => {
    it("reserves nothing by default, so an account with a lowered quota accepts the stack", async () => {
      const p = await plan("dev", AWS_DEV);
      const fns = ofType(p, T.fn);
      assert.equal(fns.length, 2);
      for (const fn of fns)
        assert.equal(fn.inputs.reservedConcurrentExecutions, undefined, fn.name);
      assert.deepEqual(lambdaConcurrencyQuota.check(p.resources, quota(50)), []);
    });

    it("keeps prod's 100 for orders as an explicit choice, which check refuses on a 200-execution account", async () => {
      const p = await plan("prod");
      assert.equal(one(p, T.fn, "eventstack-orders-fn").inputs.reservedConcurrentExecutions, 100);
      assert.deepEqual(lambdaConcurrencyQuota.check(p.resources, quota(1000)), []);
      const [finding, ...rest] = lambdaConcurrencyQuota.check(p.resources, quota(200));
      assert.deepEqual(rest, []);
      assert.match(finding?.message ?? "", /sums to 120 over 2 functions/);
      assert.match(finding?.message ?? "", /leaves at most 100 to reserve/);
    });
  });

  describe("names", () => {
    it("refuses a consumer named like the bus on an AWS plan", async () => {
      await assert.rejects(
        plan("dev", {
          ...AWS_DEV,
          "eventstack:consumers": json([{ name: "bus", eventTypes: ["com.example.a.v1"] }]),
        }),
        /eventstack:consumers\[0\]\.name must be a name the platform does not use for itself/,
      );
    });

    it("gives consumers named like other consumers' or the platform's suffixes their own names", async () => {
      const names = ["orders", "orders-dlq", "orders-queue", "orders-role", "dlq", "dlq-operator"];
      const consumers = names.map((name, i) => ({
        name,
        eventTypes: [`com.example.n${i}.created.v1`],
      }));
      const p = await plan("prod", { "eventstack:consumers": json(consumers) });
      assert.equal(ofType(p, T.fn).length, names.length);
      assert.deepEqual(collisions(p.resources), []);
    });

    it("lets exactly the stack's alarms publish to the alert topic, named one by one", async () => {
      const p = await plan("prod");
      const policy = jsonInput(p, T.topicPolicy, "eventstack-alerts-policy", "policy") as {
        Statement: { Condition?: { ArnEquals?: Record<string, string[]> } }[];
      };
      const granted = policy.Statement.flatMap(
        (s) => s.Condition?.ArnEquals?.["aws:SourceArn"] ?? [],
      );
      const alarms = ofType(p, T.alarm).map((a) => String(a.outputs.arn));
      assert.ok(alarms.length >= 16);
      assert.deepEqual([...granted].sort(), [...alarms].sort());
      assert.ok(
        granted.every((arn) => !arn.includes("*")),
        "no wildcard alarm ARN",
      );
    });
  });

  describe("destroy and redeploy", () => {
    it("keeps a prod secret's name for 7 days after deletion, restorable", async () => {
      const p = await plan("prod", withSecret("prod"));
      const secret = one(p, T.secret, "eventstack-secrets-orders-api-key");
      assert.equal(secret.inputs.recoveryWindowInDays, 7);
    });

    it("deletes each VPC function before the role policy that lets Lambda remove its interfaces", async () => {
      const p = await plan("prod");
      for (const consumer of ["orders", "audit"]) {
        const fn = one(p, T.fn, `eventstack-${consumer}-fn`);
        const policy = one(p, T.rolePolicy, `eventstack-${consumer}-permissions`);
        // The engine deletes dependents before their dependencies (dependsOn in the recorded
        // options; https://www.pulumi.com/docs/iac/concepts/options/dependson/).
        assert.ok(
          fn.options?.dependsOn.includes(policy.urn),
          `${fn.name} dependsOn ${policy.name}`,
        );
        assert.ok(fn.inputs.vpcConfig !== undefined, `${fn.name} runs in the VPC`);
      }
    });
  });
});
