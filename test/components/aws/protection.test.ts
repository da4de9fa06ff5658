import assert from "node:assert/strict";
import { json, plan, withSecret } from "../../support/plan";
import { awsResources, T, inputs } from "./plan-helpers";

// The shared DynamoDB table holds every consumer's idempotency records and read models.
const STATEFUL = [
  T.bus,
  T.archive,
  T.queue,
  T.key,
  T.secret,
  T.logGroup,
  T.topic,
  "aws:dynamodb/table:Table",
];

describe("aws updates and destroy", () => {
  // Before: no resource was protected, so `pulumi destroy` on prod deleted queued events and keys.
  it("protects and retains every stateful resource in prod, and only those", async () => {
    const p = await plan("prod", withSecret("prod"));
    for (const r of awsResources(p)) {
      const stateful = STATEFUL.includes(r.type as (typeof STATEFUL)[number]);
      assert.equal(r.options?.protect ?? false, stateful, `${r.type} ${r.name} protect`);
      assert.equal(
        r.options?.retainOnDelete ?? false,
        stateful,
        `${r.type} ${r.name} retainOnDelete`,
      );
    }
  });

  it("leaves dev disposable and deletes its secrets at once, so a destroyed stack redeploys", async () => {
    const p = await plan("dev", { "eventstack:cloud": "aws", ...withSecret("dev") });
    for (const r of awsResources(p)) assert.equal(r.options?.protect ?? false, false, r.name);
    assert.equal(inputs(p, T.secret, "eventstack-secrets-orders-api-key").recoveryWindowInDays, 0);
  });

  it("moves a VPC function's interfaces to the VPC's default group before deleting it", async () => {
    const p = await plan("prod");
    const fn = inputs(p, T.fn, "eventstack-orders-fn");
    assert.equal(fn.replaceSecurityGroupsOnDestroy, true);
    const ids = fn.replacementSecurityGroupIds;
    assert.ok(Array.isArray(ids) && ids.length === 1, "one replacement group");
    assert.match(String(ids[0]), /^sg-[0-9a-f]{17}$/);
    const functionsGroup = p.resources.find((r) => r.name === "eventstack-network-functions");
    assert.notEqual(ids[0], functionsGroup?.id);
    assert.equal(functionsGroup?.options?.customTimeouts?.delete, 3600);
  });

  it("refuses more user labels than leave every resource within AWS's 50 tags", async () => {
    const labels = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`l${i}`, "v"]));
    await assert.rejects(plan("prod", { "eventstack:labels": json(labels) }), /at most 46 labels/);
  });
});
