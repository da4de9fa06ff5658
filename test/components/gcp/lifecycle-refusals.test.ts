/**
 * Config the GCP platform must refuse before anything reaches Google, with an error naming the key,
 * the value and what is allowed — and the edge values it must accept, planned with no
 * deployability finding (`checkDeployability`, the rules `npm run check` runs).
 */
import assert from "node:assert/strict";
import { parseConfig, RESERVED_LABELS } from "../../../components/config";
import { validateForGcp } from "../../../components/gcp/platform";
import { checkDeployability } from "../../../policies/deployability";
import type { DeployabilityContext } from "../../../policies/deployability/rule";
import { planStack } from "../../../policies/offline/plan";
import { loadStackConfig } from "../../../policies/offline/stack-file";
import { json, plan, PROJECT_DIR } from "../../support/plan";

const PLAN: DeployabilityContext = {
  source: "plan",
  lambdaConcurrencyLimit: 1000,
  lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit's default",
};

/** `n` user labels `label-01: value-01`, … */
const userLabels = (n: number): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `label-${String(i + 1).padStart(2, "0")}`,
      `value-${i + 1}`,
    ]),
  );

/** Deployability findings as `rule: message`. */
const findingsOf = (resources: Parameters<typeof checkDeployability>[0]) =>
  checkDeployability(resources, PLAN).map((f) => `${f.rule}: ${f.message}`);

describe("GCP config refusals and edge values", () => {
  it("plans a 100-character stack name with no deployability finding", async () => {
    // The engine's longest stack name: "stack names are limited to 100 characters and may only
    // contain alphanumeric, hyphens, underscores, or periods" (pulumi/pulumi pkg/backend/diy).
    const stack = "Team.Payments_Europe-West1.".repeat(4).slice(0, 100);
    assert.equal(stack.length, 100);
    const dev = loadStackConfig(PROJECT_DIR, "dev");
    const p = await planStack({ projectDir: PROJECT_DIR, stack, stackConfig: { ...dev, stack } });
    const accounts = p.resources.filter((r) => r.type === "gcp:serviceaccount/account:Account");
    // Two per consumer and the dead-letter operator's.
    assert.equal(accounts.length, 5);
    for (const a of accounts) assert.match(String(a.inputs.displayName), /Team\.Payments/);
    assert.deepEqual(findingsOf(p.resources), []);
  });

  it("refuses a prebuilt image that is not pinned by digest, naming eventstack:image", async () => {
    const image = "europe-docker.pkg.dev/acme-shared/images/consumer:1.4.2";
    await assert.rejects(plan("dev", { "eventstack:image": image }), (err: Error) => {
      assert.match(err.message, /eventstack:image/);
      assert.match(err.message, /pinned by digest \(<registry>\/<path>@sha256:<64 hex>\)/);
      assert.ok(err.message.includes(JSON.stringify(image)), err.message);
      return true;
    });
  });

  it("accepts 46 user labels (the config model's cap on both clouds) with no label-limit finding", async () => {
    const p = await plan("dev", { "eventstack:labels": json(userLabels(46)) });
    assert.deepEqual(findingsOf(p.resources), []);
  });

  it("refuses 47 user labels in the config model, naming eventstack:labels", async () => {
    await assert.rejects(
      plan("dev", { "eventstack:labels": json(userLabels(47)) }),
      /eventstack:labels must be at most 46 labels/,
    );
  });

  it("refuses more than 59 user labels in the GCP platform itself, naming eventstack:labels", () => {
    // 64 labels per resource, 5 set by the platform (components/gcp/labels.ts); the GCP check
    // holds even for a config that did not come through the config model's stricter cap.
    const parsed = parseConfig(loadStackConfig(PROJECT_DIR, "dev").config, { stack: "dev" });
    const platformLabels = Object.fromEntries(
      Object.entries(parsed.labels).filter(([k]) =>
        (RESERVED_LABELS as readonly string[]).includes(k),
      ),
    );
    const withUser = (n: number) => ({
      ...parsed,
      labels: { ...platformLabels, ...userLabels(n) },
    });
    assert.deepEqual(validateForGcp(withUser(59)), {
      project: "acme-events-dev",
      region: "europe-west1",
    });
    assert.throws(
      () => validateForGcp(withUser(60)),
      (err: Error) => {
        assert.match(err.message, /^eventstack:labels: /);
        assert.match(err.message, /at most 59 user labels, got 60/);
        return true;
      },
    );
  });

  const badRanges: [string, RegExp][] = [
    ["10.8.0.0/27", /must be \/26 or larger .*got "10\.8\.0\.0\/27"/],
    ["10.8.0.1/20", /must start on a \/20 boundary .*got "10\.8\.0\.1\/20"/],
    // The dev stack's two consumers scale to 100 instances each: 804 addresses.
    [
      "10.8.0.0/23",
      /holds 512 addresses .* need 804 .* use a \/22 or larger .*got "10\.8\.0\.0\/23"/,
    ],
  ];
  for (const [range, reason] of badRanges) {
    it(`refuses vpcEgressRange ${range}, naming the key and what is allowed`, async () => {
      await assert.rejects(
        plan("dev", {
          "eventstack:privateNetworking": "true",
          "eventstack:vpcEgressRange": range,
        }),
        (err: Error) => {
          assert.match(err.message, /eventstack:vpcEgressRange/);
          assert.match(err.message, reason);
          return true;
        },
      );
    });
  }

  it("refuses a vpcEgressRange that is not a CIDR range at all", async () => {
    await assert.rejects(
      plan("dev", { "eventstack:privateNetworking": "true", "eventstack:vpcEgressRange": "10.8" }),
      (err: Error) => {
        assert.match(err.message, /vpcEgressRange/);
        assert.match(err.message, /IPv4 CIDR range such as 10\.8\.0\.0\/22/);
        return true;
      },
    );
  });
});
