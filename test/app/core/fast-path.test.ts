import assert from "node:assert/strict";
import fc from "fast-check";
import { parseContextAttributes, parseExtensionValue } from "../../../app/core/cloudevent";
import type { FastParser } from "../../../app/core/fast-path";
import {
  parseOrderCancelledV1,
  parseOrderPlacedV1,
  parseOrderShippedV1,
} from "../../../app/core/orders/schemas";
import { parseOrderDocument } from "../../../app/core/orders/projection";
import { parsePushBody } from "../../../app/core/pubsub-push";
import { readSample } from "../support/fixtures";

/** Every member's key, depth first: equal values with the same key order give equal lists. */
function keyOrder(value: unknown, path = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.keys(value).flatMap((key) => [
    `${path}.${key}`,
    ...keyOrder((value as Record<string, unknown>)[key], `${path}.${key}`),
  ]);
}

/**
 * The agreement every fast path owes its schema: whenever it accepts, zod accepts too and returns
 * the same value, key order included. Returns whether the fast path accepted.
 */
function agrees<T>(parser: FastParser<T>, input: unknown): boolean {
  const fast = parser.fast(input);
  const judged = parser.schema.safeParse(input);
  if (fast === undefined) return false;
  assert.ok(judged.success, `the fast path accepted what zod refuses: ${judged.error?.message}`);
  assert.deepStrictEqual(fast, judged.data);
  assert.deepEqual(keyOrder(fast), keyOrder(judged.data));
  return true;
}

/** Strings near every pattern and limit: empty, spaces, unicode, control characters, long. */
const edgyString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", " ", "1.0", "ord_ABCDEFGH", "cus_12345678", "EUR", "eur", "\u0000", "é"),
  fc.constantFrom("2025-11-20T09:15:01.482Z", "2025-02-29T00:00:00Z", "2024-02-29T23:59:59+02:00"),
  fc.constantFrom("2025-11-20T09:15:01", "2025-11-20 09:15:01Z", "2025-13-01T00:00:00Z"),
  fc.constantFrom("projects/p/subscriptions/s", "projects//subscriptions/s", "projects/p/s"),
  fc.integer({ min: 0, max: 1100 }).map((n) => "x".repeat(n)),
  fc.integer({ min: 300, max: 600 }).map((n) => "é".repeat(n)),
  fc.constantFrom("__proto__", "constructor", "ce-id", "content-type"),
);
/** Any JSON-ish value, plus the numbers at the integer limits. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  edgyString,
  fc.integer({ min: -5, max: 1005 }),
  fc.constantFrom(0.5, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Mostly `valid`, sometimes an edge value or anything at all. */
function near<T>(valid: fc.Arbitrary<T>, ...edges: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 24, arbitrary: valid },
    { weight: 2, arbitrary: edges.length > 0 ? fc.constantFrom(...edges) : anyValue },
    { weight: 1, arbitrary: anyValue },
  );
}

/**
 * Objects whose members come from `fields` (each near-valid): `optional` members are left out
 * half the time, others now and then; sometimes unknown, `__proto__` or `constructor` members are
 * added, and some objects have no prototype.
 */
function shaped(
  fields: Record<string, fc.Arbitrary<unknown>>,
  optional: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const keys = Object.keys(fields);
  const extras = fc.array(
    fc.tuple(fc.constantFrom("extra", "__proto__", "constructor", "data_base64"), anyValue),
    { minLength: 1, maxLength: 2 },
  );
  const rarely = <T>(often: T, sometimes: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    fc.oneof({ weight: 8, arbitrary: fc.constant(often) }, { weight: 1, arbitrary: sometimes });
  return fc
    .tuple(
      fc.record(fields),
      fc.subarray([...optional]),
      rarely<string[]>([], fc.subarray(keys, { maxLength: 2 })),
      rarely<[string, unknown][]>([], extras),
      rarely(false, fc.constant(true)),
    )
    .map(([record, leftOut, dropped, added, nullPrototype]) => {
      const out: Record<string, unknown> = nullPrototype
        ? (Object.create(null) as Record<string, unknown>)
        : {};
      const define = (key: string, value: unknown): void => {
        Object.defineProperty(out, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      };
      for (const key of keys) {
        if (!leftOut.includes(key) && !dropped.includes(key)) define(key, record[key]);
      }
      for (const [key, value] of added) define(key, value);
      return out;
    });
}

/** Runs `agrees` over `inputs`; returns how many the fast path accepted. */
function property<T>(parser: FastParser<T>, inputs: fc.Arbitrary<unknown>, runs = 2000): number {
  let accepted = 0;
  fc.assert(
    fc.property(inputs, (input) => {
      if (agrees(parser, input)) accepted++;
    }),
    { numRuns: runs },
  );
  return accepted;
}

const samplePush = readSample("order-placed.pubsub-push.json") as Record<string, unknown>;
const sampleMessage = samplePush.message as Record<string, unknown>;
const sampleData = JSON.parse(
  Buffer.from(String(sampleMessage.data), "base64").toString("utf8"),
) as Record<string, unknown>;
const sampleAttributes: Record<string, unknown> = {
  specversion: "1.0",
  id: "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31",
  source: "//orders.example.com/checkout",
  type: "com.example.order.placed.v1",
  subject: "ord_7Q2M9X4KZP",
  time: "2025-11-20T09:15:01.482Z",
  datacontenttype: "application/json",
};

const timestamps = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("2999-12-31") })
    .map((d) => d.toISOString()),
  fc.constantFrom("2025-11-20T09:15:01+05:30", "2025-11-20T09:15:01.1-00:00"),
);
const badTimestamps = [
  "2025-11-20T09:15:01",
  "2025-11-20 09:15:01Z",
  "2025-13-01T00:00:00Z",
  "2023-02-29T00:00:00Z",
  "2025-11-20T24:00:00Z",
  "",
];
const longIds = [
  "x".repeat(1024),
  "x".repeat(1025),
  "é".repeat(512),
  "é".repeat(513),
  "𝄞".repeat(256),
  "𝄞".repeat(257),
];

const attributes = shaped(
  {
    specversion: near(fc.constant("1.0"), "1.0 ", "1", 1, "0.3"),
    id: near(fc.string({ minLength: 1, maxLength: 40 }), "", ...longIds),
    source: near(fc.webUrl(), "", " ", "a b", "//x\t", ...longIds),
    type: near(fc.string({ minLength: 1, maxLength: 30 }), ""),
    datacontenttype: near(fc.constantFrom("application/json", "text/plain"), ""),
    dataschema: near(fc.webUrl(), "not a url", ""),
    subject: near(fc.string({ minLength: 1, maxLength: 20 }), ""),
    time: near(timestamps, ...badTimestamps),
  },
  ["datacontenttype", "dataschema", "subject", "time"],
);

const messages = shaped(
  {
    data: near(fc.base64String({ maxLength: 40 }), 1),
    attributes: near(
      fc.dictionary(
        fc.oneof(fc.constantFrom("ce-id", "content-type", "__proto__", "constructor"), fc.string()),
        fc.string({ maxLength: 10 }),
        { maxKeys: 4 },
      ),
      { "ce-id": 1 },
      [],
      null,
    ),
    messageId: near(fc.string({ minLength: 1, maxLength: 20 }), "", 1302469177211),
    message_id: near(fc.string({ minLength: 1, maxLength: 20 }), ""),
    publishTime: near(timestamps, ...badTimestamps),
    publish_time: near(timestamps, ...badTimestamps),
    orderingKey: near(fc.string({ maxLength: 10 }), 1),
  },
  ["data", "attributes", "messageId", "message_id", "publishTime", "publish_time", "orderingKey"],
);
const pushBodies = shaped(
  {
    message: near(messages, [], null, "m"),
    subscription: near(
      fc
        .tuple(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,12}$/))
        .map(([p, s]) => `projects/${p}/subscriptions/${s}`),
      "projects//subscriptions/s",
      "projects/p/subscriptions/s/x",
      "subscriptions/s",
    ),
    deliveryAttempt: near(
      fc.integer({ min: 1, max: 1000 }),
      0,
      -1,
      1.5,
      "1",
      Number.MAX_SAFE_INTEGER + 1,
    ),
  },
  ["deliveryAttempt"],
);

const money = (currency: fc.Arbitrary<string>) =>
  shaped({
    amountMinor: near(
      fc.integer({ min: 0, max: 100_000 }),
      -1,
      0.5,
      "1",
      Number.MAX_SAFE_INTEGER + 1,
    ),
    currency: near(currency, "eur", "EURO", "", "E1R"),
  });
const items = near(
  fc.array(
    shaped({
      sku: near(
        fc.string({ minLength: 1, maxLength: 64 }),
        "",
        "s".repeat(64),
        "s".repeat(65),
        "é".repeat(65),
      ),
      quantity: near(fc.integer({ min: 1, max: 1000 }), 0, 1001, 1.5, "2"),
      unitPrice: money(fc.constant("EUR")),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  [],
  Array.from({ length: 101 }, () => sampleData.items),
);
/** Orders whose total is mostly the items' sum, so the refinements are reached both ways. */
const placed = fc
  .tuple(
    shaped({
      orderId: near(
        fc.stringMatching(/^ord_[A-Za-z0-9]{8,32}$/),
        "ord_short",
        "ord_" + "A".repeat(33),
        "ORD_ABCDEFGH",
      ),
      customerId: near(fc.stringMatching(/^cus_[A-Za-z0-9]{8,32}$/), "cus_", "cus_ABCDEFGH!"),
      items,
      total: money(fc.constantFrom("EUR", "EUR", "EUR", "USD")),
      placedAt: near(timestamps, ...badTimestamps),
    }),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
  )
  .map(([order, fixTotal]) => {
    const record = order as Record<string, unknown>;
    const lines = record.items;
    const total = record.total;
    if (fixTotal && Array.isArray(lines) && typeof total === "object" && total !== null) {
      let sum = 0;
      for (const line of lines as { quantity?: unknown; unitPrice?: { amountMinor?: unknown } }[]) {
        const q = line?.quantity;
        const a = line?.unitPrice?.amountMinor;
        sum += typeof q === "number" && typeof a === "number" ? q * a : 0;
      }
      (total as Record<string, unknown>).amountMinor = sum;
    }
    return order;
  });

describe("fast paths agree with their zod schemas", () => {
  it("Compliance 1: the push body fast path accepts only what pushSchema accepts, with its output", () => {
    const accepted = property(parsePushBody, fc.oneof(pushBodies, anyValue));
    assert.ok(accepted > 100, `the fast path accepted only ${accepted} bodies`);
  });

  it("Compliance 2: the sample push body, its attributes and its data take the fast path", () => {
    assert.ok(agrees(parsePushBody, samplePush));
    assert.ok(agrees(parseContextAttributes, sampleAttributes));
    assert.ok(agrees(parseOrderPlacedV1, sampleData));
  });

  it("Compliance 3: the context attributes fast path agrees with attributesSchema", () => {
    const accepted = property(parseContextAttributes, fc.oneof(attributes, anyValue));
    assert.ok(accepted > 100, `the fast path accepted only ${accepted} attribute sets`);
  });

  it("Compliance 4: the extension value fast path agrees with extensionValue", () => {
    const accepted = property(parseExtensionValue, anyValue);
    assert.ok(accepted > 100, `the fast path accepted only ${accepted} values`);
  });

  it("Compliance 5: the order.placed fast path agrees with orderPlacedV1, refinements included", () => {
    const accepted = property(
      parseOrderPlacedV1,
      fc.oneof({ weight: 9, arbitrary: placed }, anyValue),
    );
    assert.ok(accepted > 100, `the fast path accepted only ${accepted} orders`);
  });

  it("Compliance 6: the order.cancelled and order.shipped fast paths agree with their schemas", () => {
    const orderId = near(fc.stringMatching(/^ord_[A-Za-z0-9]{8,32}$/), "ord_x", "");
    const cancelled = shaped({
      orderId,
      reason: near(
        fc.constantFrom("customer_request", "payment_failed", "out_of_stock", "fraud_suspected"),
        "fraud",
        "",
      ),
      cancelledAt: near(timestamps, ...badTimestamps),
    });
    const shipped = shaped({
      orderId,
      carrier: near(fc.string({ minLength: 1, maxLength: 64 }), "", "c".repeat(65)),
      trackingNumber: near(
        fc.stringMatching(/^[A-Za-z0-9-]{4,40}$/),
        "abc",
        "a".repeat(41),
        "ab cd",
      ),
      shippedAt: near(timestamps, ...badTimestamps),
    });
    assert.ok(property(parseOrderCancelledV1, cancelled) > 100);
    assert.ok(property(parseOrderShippedV1, shipped) > 100);
  });

  it("Compliance 7: the stored order document fast path agrees with orderDocument", () => {
    const fact = shaped({
      at: near(timestamps, 1),
      eventKey: near(fc.string({ maxLength: 43 }), null),
      eventId: near(fc.string({ maxLength: 20 }), 7),
      detail: near(
        fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("__proto__", "total")), anyValue, {
          maxKeys: 3,
        }),
        [],
        "detail",
      ),
    });
    const status = fc.constantFrom("placed", "cancelled", "shipped");
    const documents = shaped({
      orderId: near(fc.string({ maxLength: 20 }), 1),
      status: near(status, "returned", ""),
      lastEventAt: near(fc.string({ maxLength: 30 }), null),
      lastEventKey: near(fc.string({ maxLength: 43 }), null),
      changes: near(
        fc.dictionary(fc.oneof(status, fc.constantFrom("returned", "__proto__")), fact, {
          maxKeys: 3,
        }),
        [],
        null,
      ),
    });
    const accepted = property(parseOrderDocument, fc.oneof(documents, anyValue));
    assert.ok(accepted > 100, `the fast path accepted only ${accepted} documents`);
  });

  it("Noncompliance 1: refused input still gets zod's message naming the field and the value", () => {
    const result = parseOrderPlacedV1({
      ...sampleData,
      total: { amountMinor: 1, currency: "EUR" },
    });
    assert.equal(result.success, false);
    assert.match(
      result.error?.issues[0]?.message ?? "",
      /must equal the sum of quantity × unitPrice \(4300\)/,
    );
    const push = parsePushBody({ ...samplePush, subscription: "subscriptions/s" });
    assert.equal(push.success, false);
    assert.deepEqual(push.error?.issues[0]?.path, ["subscription"]);
  });

  it("Noncompliance 2: what JSON cannot make (symbol keys, undefined members) is left to zod", () => {
    const attributes = { ...(sampleMessage.attributes as object), [Symbol("x")]: "1" };
    const symbolKeyed = { ...samplePush, message: { ...sampleMessage, attributes } };
    assert.equal(parsePushBody.fast(symbolKeyed), undefined);
    assert.equal(
      parsePushBody(symbolKeyed).success,
      parsePushBody.schema.safeParse(symbolKeyed).success,
    );
    const undefinedMember = { ...samplePush, deliveryAttempt: undefined };
    assert.equal(parsePushBody.fast(undefinedMember), undefined);
  });
});
