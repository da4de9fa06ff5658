import assert from "node:assert/strict";
import { NAME_LIMITS } from "../../../components/aws/names";
import type { Plan } from "../../../policies/offline/plan";
import { json, manyConsumers, ofType, plan } from "../../support/plan";
import { jsonInput, T } from "./plan-helpers";

/** AWS quotas the planned documents must stay within. */
const KEY_POLICY_MAX_BYTES = 32 * 1024;
const INLINE_ROLE_POLICIES_MAX_CHARS = 10_240;
const DASHBOARD_MAX_WIDGETS = 500;

describe("aws platform with 20 consumers", () => {
  let p: Plan;
  before(async () => {
    p = await plan("prod", { "eventstack:consumers": json(manyConsumers(20)) });
  });

  const physical = (type: string, key = "name") =>
    ofType(p, type).map((r) => String(r.inputs[key]));

  it("plans a function, rule, role, delivery and dead-letter queue and log group per consumer", () => {
    for (const type of [
      T.fn,
      T.rule,
      T.role,
      T.queue,
      T.logGroup,
      T.target,
      T.invokeConfig,
      "aws:lambda/eventSourceMapping:EventSourceMapping",
    ]) {
      // Queues: two per consumer plus the bus's dead letters; roles: one per consumer plus the
      // dead-letter operator's and the VPC flow logs' (prod has private networking).
      // Log groups: one per consumer plus the VPC flow logs'.
      const expected = type === T.queue ? 41 : type === T.role ? 22 : type === T.logGroup ? 21 : 20;
      assert.equal(ofType(p, type).length, expected, type);
    }
  });

  it("gives each a unique physical name within the AWS limits", () => {
    const limits: [string, number][] = [
      [T.fn, NAME_LIMITS.function],
      [T.role, NAME_LIMITS.role],
      [T.rule, NAME_LIMITS.rule],
      [T.queue, NAME_LIMITS.queue],
      [T.alarm, NAME_LIMITS.alarm],
    ];
    for (const [type, max] of limits) {
      const names = physical(type);
      assert.equal(new Set(names).size, names.length, `${type} names collide`);
      for (const n of names) assert.ok(n.length <= max, `${type} ${n} is over ${max}`);
    }
    // Eight per consumer (incl. its function's own Errors) and the bus's dead letters.
    assert.equal(ofType(p, T.alarm).length, 20 * 8 + 1);
  });

  it("keeps the key policy, each role's inline policy and the dashboard within AWS quotas", () => {
    for (const key of ofType(p, T.key)) {
      const text = key.inputs.policy as string;
      assert.ok(
        Buffer.byteLength(text) < KEY_POLICY_MAX_BYTES,
        `${key.name} policy is ${text.length} bytes`,
      );
    }
    const dataKey = jsonInput(p, T.key, "eventstack-data-key-key", "policy") as {
      Statement: { Sid: string; Condition?: Record<string, Record<string, string[]>> }[];
    };
    const writes = dataKey.Statement.find((s) => s.Sid === "EventBridgeWritesQueues");
    // Every consumer queue EventBridge writes to (delivery and dead letters; the bus's own dead
    // letters sit under the alerts key), by the encryption context SQS binds to its data keys.
    assert.equal(
      writes?.Condition?.StringEquals?.["kms:EncryptionContext:aws:sqs:arn"]?.length,
      20 * 2,
    );
    for (const r of ofType(p, T.rolePolicy)) {
      const text = r.inputs.policy as string;
      assert.ok(
        text.length < INLINE_ROLE_POLICIES_MAX_CHARS,
        `${r.name} is ${text.length} characters`,
      );
    }
    const body = jsonInput(p, T.dashboard, "eventstack-dashboard", "dashboardBody") as {
      widgets: unknown[];
    };
    assert.ok(body.widgets.length <= DASHBOARD_MAX_WIDGETS, `${body.widgets.length} widgets`);
  });

  it("exports every consumer", () => {
    const consumers = p.outputs.consumers as Record<string, { functionName: string }>;
    assert.deepEqual(
      Object.keys(consumers).sort(),
      manyConsumers(20).map((c) => c.name),
    );
    assert.equal(consumers["consumer-20"]?.functionName, "eventstack-prod-consumer-20");
  });
});

describe("aws platform with a consumer of 20 event types", () => {
  const eventTypes = Array.from({ length: 20 }, (_, i) => `com.example.order.event${i + 10}.v1`);

  it("keeps its rule's description within EventBridge's 512 characters and selects every type", async () => {
    const p = await plan("prod", {
      "eventstack:consumers": json([{ name: "orders", eventTypes }]),
      "eventstack:secrets": json([]),
    });
    const rule = ofType(p, T.rule)[0];
    assert.ok(rule !== undefined);
    assert.equal(
      rule.inputs.description,
      "Events for consumer orders: 20 CloudEvents types (see the event pattern)",
    );
    assert.deepEqual(JSON.parse(rule.inputs.eventPattern as string), {
      "detail-type": eventTypes,
    });
  });

  it("refuses types whose event pattern EventBridge would reject, naming the consumer's field", async () => {
    const long = eventTypes.map((t) => t.replace("order", "o".repeat(200)));
    await assert.rejects(
      plan("prod", { "eventstack:consumers": json([{ name: "orders", eventTypes: long }]) }),
      (err: unknown) => {
        assert.equal(
          (err as { propertyPath?: string }).propertyPath,
          "eventstack:consumers[0].eventTypes",
        );
        assert.match(String(err), /consumer orders make a \d+-character .*EventBridge allows 4096/);
        return true;
      },
    );
  });
});
