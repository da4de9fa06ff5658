import assert from "node:assert/strict";
import { resourceLimits } from "../../../policies/deployability/rules/resource-limits";
import { AWS_LIMITS } from "../../../policies/deployability/limits-aws";
import { GCP_LIMITS } from "../../../policies/deployability/limits-gcp";
import { violates, type LimitRow } from "../../../policies/deployability/limit";
import { edit, res, run } from "./support";

/** Shaped like the platform's GCP service account (components/gcp/consumer.ts). */
const account = res("gcp:serviceaccount/account:Account", "eventstack-orders-run", {
  accountId: "orders-run-3174",
  displayName: "eventstack dev orders: Cloud Run runtime identity",
  project: "acme-events-dev",
});
/** Shaped like the platform's push subscription (components/gcp/delivery.ts). */
const subscription = res("gcp:pubsub/subscription:Subscription", "eventstack-orders-push", {
  name: "eventstack-dev-orders-push",
  topic: "projects/acme-events-dev/topics/eventstack-dev-events",
  ackDeadlineSeconds: 60,
  messageRetentionDuration: "604800s",
  deadLetterPolicy: { maxDeliveryAttempts: 5, deadLetterTopic: "projects/p/topics/t" },
  retryPolicy: { minimumBackoff: "10s", maximumBackoff: "600s" },
  filter: 'attributes."ce-type" = "com.example.order.placed.v1"',
});
const fn = res("aws:lambda/function:Function", "eventstack-orders-fn", {
  name: "eventstack-prod-orders",
  memorySize: 1024,
  timeout: 300,
  reservedConcurrentExecutions: 100,
  runtime: "nodejs24.x",
});
const target = res("aws:cloudwatch/eventTarget:EventTarget", "eventstack-orders-target", {
  rule: "eventstack-prod-orders",
  targetId: "consumer-function",
  retryPolicy: { maximumRetryAttempts: 9, maximumEventAgeInSeconds: 21600 },
});

describe("deployability-resource-limits", () => {
  it("Compliance 1: the platform's resources as planned", () => {
    assert.deepEqual(run(resourceLimits, [account, subscription, fn, target]), []);
  });

  it("Noncompliance 1: a service-account display name over 100 bytes (multi-byte characters count)", () => {
    const long = edit(account, { displayName: `eventstack ${"é".repeat(45)} orders runtime` });
    const [msg] = run(resourceLimits, [long]);
    assert.match(msg ?? "", /displayName must be 0-100 bytes, got 116/);
    assert.match(msg ?? "", /cloud\.google\.com\/iam\/docs/);
  });

  it("Noncompliance 2: a service-account id of 31 characters", () => {
    const found = run(resourceLimits, [edit(account, { accountId: "a".repeat(31) })]);
    assert.ok(found.some((m) => /accountId must be 6-30 characters, got 31/.test(m)));
  });

  it("Noncompliance 3: a Lambda function name with a dot and over 64 characters", () => {
    const found = run(resourceLimits, [edit(fn, { name: `eventstack-prod.eu-${"x".repeat(60)}` })]);
    assert.equal(found.length, 2);
    assert.match(found.join("\n"), /name must be 1-64 characters, got 79/);
    assert.match(found.join("\n"), /name must be letters, digits, - and _/);
  });

  it("Noncompliance 4: an EventBridge retry policy beyond 185 attempts", () => {
    const found = run(resourceLimits, [
      edit(target, { retryPolicy: { maximumRetryAttempts: 186, maximumEventAgeInSeconds: 60 } }),
    ]);
    assert.deepEqual(found.length, 1);
    assert.match(found[0] ?? "", /retryPolicy\.maximumRetryAttempts must be 0-185, got 186/);
  });

  it("Noncompliance 5: a Pub/Sub filter over 256 bytes and a 601 s backoff", () => {
    const found = run(resourceLimits, [
      edit(subscription, {
        filter: `attributes."ce-type" = "${"x".repeat(250)}"`,
        retryPolicy: { minimumBackoff: "10s", maximumBackoff: "601s" },
      }),
    ]);
    assert.equal(found.length, 2);
    assert.match(found.join("\n"), /filter must be 0-256 bytes/);
    assert.match(found.join("\n"), /maximumBackoff must be 0s-600s, got "?601s/);
  });

  it("Noncompliance 6: a value that echoes 10 000 characters is cut short in the message", () => {
    const [msg] = run(resourceLimits, [edit(fn, { description: "d".repeat(10_000) })]);
    assert.ok((msg ?? "").length < 400, "message stays short");
  });

  it("every row cites an https document", () => {
    for (const row of [...AWS_LIMITS, ...GCP_LIMITS]) assert.match(row.doc, /^https:\/\//);
  });
});

/** `{ a: { b: value } }` for the path `a.b`. */
function nested(path: string, value: unknown): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value as never);
}

/** A value at the edge the row allows, and one just beyond it; undefined for pattern rows. */
function edges(row: LimitRow): { inside: unknown; outside: unknown } | undefined {
  const c = row.check;
  switch (c.kind) {
    case "length": {
      const ch = c.unit === "bytes" ? "é" : "a"; // 2 bytes in UTF-8 when counted in bytes
      const per = c.unit === "bytes" ? 2 : 1;
      return {
        inside: ch.repeat(Math.floor(c.max / per)),
        outside: ch.repeat(Math.floor(c.max / per) + 1),
      };
    }
    case "range":
      return { inside: c.max, outside: c.max + 1 };
    case "duration":
      return { inside: `${c.max}s`, outside: `${c.max + 1}s` };
    case "oneOf":
      return { inside: c.values[0], outside: Math.max(...c.values) + 1 };
    case "count":
      return {
        inside: Object.fromEntries(Array.from({ length: c.max }, (_, i) => [`k${i}`, "v"])),
        outside: Object.fromEntries(Array.from({ length: c.max + 1 }, (_, i) => [`k${i}`, "v"])),
      };
    case "pattern":
      return undefined;
  }
}

describe("deployability-resource-limits, every row of both tables at its edge", () => {
  for (const row of [...AWS_LIMITS, ...GCP_LIMITS]) {
    const e = edges(row);
    if (e === undefined) continue;
    it(`${row.type} ${row.property} (${row.check.kind}): the edge passes, one beyond it fails`, () => {
      // This row's own complaint (other rows of the property, e.g. its character set, may differ).
      const problem = violates(row.check, e.outside);
      assert.ok(problem !== undefined, "the value beyond the edge breaks the row");
      const mine = (found: string[]) =>
        found.filter((m) => m.includes(`${row.property} ${problem.split(", got")[0]}`));
      const inside = res(row.type, "edge", nested(row.property, e.inside));
      const outside = res(row.type, "beyond", nested(row.property, e.outside));
      assert.deepEqual(mine(run(resourceLimits, [inside])), []);
      assert.equal(mine(run(resourceLimits, [outside])).length, 1);
    });
  }
});
