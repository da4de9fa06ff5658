/**
 * The shipped stacks, each on both clouds, pass every mandatory policy with their own config file;
 * the same program with its dead letters stripped fails with the right policy at the right URN.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluatePolicies, policyConfigForStack } from "../../policies/offline/evaluate";
import { planStack } from "../../policies/offline/plan";
import type { Violation } from "../../policies/offline/report-model";
import { plan, PROJECT_DIR } from "../support/plan";

const STRIPPED = join(__dirname, "fixtures/strip-dead-letters.ts");
const show = (v: Violation) => `${v.policy} ${v.urn}: ${v.message}`;
const openMandatory = (vs: readonly Violation[]) =>
  vs.filter((v) => v.enforcementLevel === "mandatory" && v.exemption === undefined);

const STACKS = [
  { stack: "dev", overrides: {}, label: "dev on gcp" },
  { stack: "dev", overrides: { "eventstack:cloud": "aws" }, label: "dev on aws" },
  { stack: "prod", overrides: {}, label: "prod on aws" },
  { stack: "prod", overrides: { "eventstack:cloud": "gcp" }, label: "prod on gcp" },
] as const;

describe("policies over the shipped stacks", function () {
  this.timeout(300_000);

  for (const { stack, overrides, label } of STACKS) {
    it(`${label} passes every mandatory policy`, async () => {
      const p = await plan(stack, { ...overrides });
      const violations = await evaluatePolicies(p.resources, {
        stack: p.stack,
        project: p.project,
        config: policyConfigForStack(stack),
      });
      assert.deepEqual(openMandatory(violations).map(show), []);
    });
  }

  for (const { stack, overrides, label, policy, type } of [
    {
      ...STACKS[2],
      policy: "aws-cloudwatch-eventtarget-missing-dead-letter-queue",
      type: "aws:cloudwatch/eventTarget:EventTarget",
    },
    {
      ...STACKS[0],
      policy: "gcp-pubsub-subscription-missing-dead-letter-policy",
      type: "gcp:pubsub/subscription:Subscription",
    },
  ]) {
    it(`${label} without dead letters fails ${policy} at each consumer's ${type.split(":").pop()}`, async () => {
      const p = await planStack({
        projectDir: PROJECT_DIR,
        stack,
        overrides: { ...overrides },
        program: STRIPPED,
      });
      const violations = openMandatory(
        await evaluatePolicies(p.resources, {
          stack: p.stack,
          project: p.project,
          config: policyConfigForStack(stack),
        }),
      );
      const stripped = p.resources
        .filter(
          (r) =>
            r.type === type &&
            (type !== "gcp:pubsub/subscription:Subscription" || r.inputs.pushConfig),
        )
        .map((r) => r.urn)
        .sort();
      assert.ok(stripped.length >= 2, "one per consumer");
      assert.deepEqual(
        violations
          .filter((v) => v.policy === policy)
          .map((v) => v.urn)
          .sort(),
        stripped,
      );
    });
  }
});
