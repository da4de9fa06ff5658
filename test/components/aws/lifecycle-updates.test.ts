/**
 * AWS updates, planned twice ("plan A, then plan B"): what the provider would replace, what is
 * created or deleted, and whether what stays is untouched. Replacements are judged on the inputs
 * the provider's schema marks as forcing one (./lifecycle-helpers.ts).
 *
 * A protected resource stops an update that would replace or delete it: the engine's step
 * generator refuses ("unable to replace resource … as it is currently marked for protection",
 * pulumi/pulumi pkg/resource/deploy/step_generator.go, when old and new are both protected), and
 * a DeleteStep of a protected resource fails ("unable to delete resource …",
 * pulumi/pulumi pkg/resource/deploy/step.go).
 */
import assert from "node:assert/strict";
import { awsStatefulResourceEnforceProtection } from "../../../policies/aws/stateful/enforce-protection";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { planStack, type Plan } from "../../../policies/offline/plan";
import { loadStackConfig } from "../../../policies/offline/stack-file";
import { findings, open } from "../../policies/support/policy-test";
import { json, one, plan, PROJECT_DIR, withSecret } from "../../support/plan";
import {
  asAnotherStackHoldsIt,
  collisions,
  comparable,
  inputsByKey,
  keyOf,
  onlyIn,
  replacement,
  replacements,
} from "./lifecycle-helpers";
import { T } from "./plan-helpers";

/** The prod stack's consumers from its stack file. */
function prodConsumers(): Record<string, unknown>[] {
  const raw = loadStackConfig(PROJECT_DIR, "prod").config["eventstack:consumers"] ?? "[]";
  return JSON.parse(raw) as Record<string, unknown>[];
}

/** Redrive policy of a queue, decoded. */
function redrive(p: Plan, name: string): { deadLetterTargetArn: string; maxReceiveCount: number } {
  const text = one(p, T.queue, name).inputs.redrivePolicy;
  assert.equal(typeof text, "string", `${name} has no redrive policy`);
  return JSON.parse(text as string) as { deadLetterTargetArn: string; maxReceiveCount: number };
}

/** The resources of `p` that belong to consumer `name` (their logical names start with it). */
function ofConsumer(p: Plan, name: string): RecordedResource[] {
  return p.resources.filter((r) => r.custom && r.name.startsWith(`eventstack-${name}-`));
}

describe("AWS updates, plan A then plan B", () => {
  describe("changing maxDeliveryAttempts", () => {
    let a: Plan;
    let b: Plan;
    before(async () => {
      a = await plan("prod");
      const consumers = prodConsumers().map((c) =>
        c.name === "orders" ? { ...c, maxDeliveryAttempts: 20 } : c,
      );
      b = await plan("prod", { "eventstack:consumers": json(consumers) });
    });

    it("updates the delivery queue's redrive policy in place: same name, same FIFO setting", () => {
      const [before, after] = [a, b].map((p) =>
        one(p, T.queue, "eventstack-orders-delivery-queue"),
      );
      assert.ok(before && after);
      assert.equal(redrive(a, "eventstack-orders-delivery-queue").maxReceiveCount, 10);
      assert.equal(redrive(b, "eventstack-orders-delivery-queue").maxReceiveCount, 20);
      assert.equal(after.inputs.name, before.inputs.name);
      assert.equal(after.inputs.fifoQueue, before.inputs.fifoQueue);
      assert.deepEqual(replacements(a, b), []);
      assert.deepEqual([onlyIn(b, a), onlyIn(a, b)], [[], []]);
    });

    it("leaves the dead-letter target and the other consumer's queue as they were", () => {
      assert.equal(
        redrive(b, "eventstack-orders-delivery-queue").deadLetterTargetArn,
        redrive(a, "eventstack-orders-delivery-queue").deadLetterTargetArn,
      );
      assert.deepEqual(
        one(b, T.queue, "eventstack-audit-delivery-queue").inputs,
        one(a, T.queue, "eventstack-audit-delivery-queue").inputs,
      );
    });
  });

  describe("toggling customerManagedKeys", () => {
    let on: Plan;
    let off: Plan;
    before(async () => {
      on = await plan("prod", { ...withSecret("prod"), "eventstack:customerManagedKeys": "true" });
      off = await plan("prod", {
        ...withSecret("prod"),
        "eventstack:customerManagedKeys": "false",
      });
    });

    it("replaces nothing either way: every key reference changes in place", () => {
      assert.deepEqual(replacements(off, on), []);
      assert.deepEqual(replacements(on, off), []);
      for (const name of ["eventstack-orders-delivery-queue", "eventstack-orders-dlq-queue"]) {
        assert.equal(one(off, T.queue, name).inputs.sqsManagedSseEnabled, true);
        assert.match(String(one(on, T.queue, name).inputs.kmsMasterKeyId), /^arn:aws:kms:/);
      }
      for (const [type, name, key] of [
        [T.bus, "eventstack-events-bus", "kmsKeyIdentifier"],
        [T.archive, "eventstack-events-archive", "kmsKeyIdentifier"],
        [T.logGroup, "eventstack-orders-logs", "kmsKeyId"],
        [T.secret, "eventstack-secrets-orders-api-key", "kmsKeyId"],
      ] as const) {
        assert.equal(one(off, type, name).inputs[key], undefined, `${name} off`);
        assert.match(String(one(on, type, name).inputs[key]), /^arn:aws:kms:/, `${name} on`);
      }
    });

    it("turning keys on creates the data key and the bus's dead-letter queue next to what exists", () => {
      const created = onlyIn(on, off);
      for (const k of [
        `${T.key} eventstack-data-key-key`,
        `${T.alias} eventstack-data-key-alias`,
        `${T.queue} eventstack-events-dlq-queue`,
      ]) {
        assert.ok(created.includes(k), `${k} created`);
      }
      // Nothing created takes a name the stack already holds.
      const fresh = on.resources.filter((r) => created.includes(keyOf(r)));
      assert.deepEqual(collisions([...off.resources, ...fresh.map(replacement)]), []);
    });

    it("turning keys off in prod deletes protected resources: the update stops until they are unprotected", () => {
      const deleted = new Set(onlyIn(on, off));
      const protectedDeleted = on.resources
        .filter((r) => deleted.has(keyOf(r)) && r.options?.protect === true)
        .map(keyOf)
        .sort();
      assert.deepEqual(protectedDeleted, [
        `${T.key} eventstack-data-key-key`,
        `${T.queue} eventstack-events-dlq-queue`,
      ]);
      // Retained on delete: once unprotected, the key stays in KMS and the queue in SQS.
      for (const r of on.resources.filter((x) => protectedDeleted.includes(keyOf(x)))) {
        assert.equal(r.options?.retainOnDelete, true, keyOf(r));
      }
    });
  });

  describe("adding and removing a consumer", () => {
    let a: Plan;
    let removed: Plan;
    let added: Plan;
    before(async () => {
      a = await plan("prod");
      removed = await plan("prod", {
        "eventstack:consumers": json(prodConsumers().filter((c) => c.name !== "audit")),
      });
      added = await plan("prod", {
        "eventstack:consumers": json([
          ...prodConsumers(),
          { name: "billing", eventTypes: ["com.example.order.placed.v1"] },
        ]),
      });
    });

    for (const [what, b] of [
      ["removing audit", () => removed],
      ["adding billing", () => added],
    ] as const) {
      it(`${what} leaves every resource of orders exactly as it was`, () => {
        const before = ofConsumer(a, "orders");
        assert.ok(before.length >= 10, `orders has ${before.length} resources`);
        const after = inputsByKey(b());
        for (const r of before)
          assert.deepEqual(after.get(keyOf(r)), comparable(r.inputs), keyOf(r));
        assert.deepEqual(replacements(a, b()), []);
      });
    }

    it("removing audit deletes only audit's resources; adding billing creates only billing's", () => {
      assert.ok(onlyIn(a, removed).every((k) => k.split(" ")[1]?.startsWith("eventstack-audit-")));
      assert.ok(onlyIn(a, removed).length >= 10);
      assert.deepEqual(onlyIn(removed, a), []);
      assert.ok(onlyIn(added, a).every((k) => k.split(" ")[1]?.startsWith("eventstack-billing-")));
      assert.deepEqual(onlyIn(a, added), []);
      assert.deepEqual(collisions(added.resources), []);
    });
  });

  describe("config changes and the bus's archive", () => {
    const BUS = `${T.bus} eventstack-events-bus`;
    const ARCHIVE = `${T.archive} eventstack-events-archive`;

    it("no config change of the stack replaces the bus or its archive", async () => {
      const a = await plan("prod");
      const changes: Record<string, string>[] = [
        { "eventstack:eventRetentionDays": "14" },
        { "eventstack:customerManagedKeys": "false" },
        { "eventstack:privateNetworking": "false" },
        { "eventstack:labels": json({ team: "payments" }) },
        { "eventstack:logRetentionDays": "30" },
      ];
      for (const overrides of changes) {
        const b = await plan("prod", overrides);
        const replaced = replacements(a, b).map((r) => r.key);
        assert.ok(
          !replaced.includes(BUS) && !replaced.includes(ARCHIVE),
          JSON.stringify(overrides),
        );
        assert.deepEqual(
          onlyIn(a, b).filter((k) => k === BUS || k === ARCHIVE),
          [],
        );
      }
    });

    it("a change that would replace them (renaming the stack) is stopped: both are protected in A and B", async () => {
      const prod = loadStackConfig(PROJECT_DIR, "prod");
      const a = await planStack({ projectDir: PROJECT_DIR, stack: "prod", stackConfig: prod });
      const b = await planStack({
        projectDir: PROJECT_DIR,
        stack: "Prod",
        stackConfig: { ...prod, stack: "Prod" },
      });
      const replaced = new Map(replacements(a, b).map((r) => [r.key, r.inputs]));
      assert.deepEqual(replaced.get(BUS), ["name"]);
      assert.deepEqual(replaced.get(ARCHIVE), ["name", "eventSourceArn"]);
      for (const p of [a, b]) {
        for (const [type, name] of [
          [T.bus, "eventstack-events-bus"],
          [T.archive, "eventstack-events-archive"],
        ] as const) {
          assert.equal(one(p, type, name).options?.protect, true, `${p.stack} ${name}`);
        }
      }
      assert.deepEqual(open(await findings(awsStatefulResourceEnforceProtection, b.resources)), []);
    });
  });

  describe("stacks whose names slug alike, in one account", () => {
    it("Prod, prod, prod.eu and prod-eu get distinct physical names", async () => {
      const prod = loadStackConfig(PROJECT_DIR, "prod");
      const plans: Plan[] = [];
      for (const stack of ["Prod", "prod", "prod.eu", "prod-eu"]) {
        plans.push(
          await planStack({ projectDir: PROJECT_DIR, stack, stackConfig: { ...prod, stack } }),
        );
      }
      const first = plans[0]?.resources ?? [];
      // The rule sees these names: one stack next to a copy of itself collides everywhere.
      assert.ok(collisions([...first, ...first.map(replacement)]).length > 20);
      assert.deepEqual(
        collisions(plans.flatMap((p) => p.resources.map(asAnotherStackHoldsIt))),
        [],
      );
    });
  });
});
