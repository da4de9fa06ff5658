/**
 * A dependency that pollutes Object.prototype must not change how an event decodes: binary-mode
 * attributes are copied into ordinary objects on the hot path, whose missing members would
 * otherwise be read from the prototype (ECMA-262 §10.1.8.1 OrdinaryGet).
 */
import assert from "node:assert/strict";
import { fromBinary } from "../../../app/core/cloudevent";
import { fromPubSubPush, parsePushBody } from "../../../app/core/pubsub-push";
import { orderPlaced, pushBody } from "../support/fixtures";

/** Names a pollution could plant: attribute names, their `ce-` spellings and the content type. */
const PLANTED: readonly (readonly [string, string])[] = [
  ["subject", "planted-subject"],
  ["time", "not a timestamp"],
  ["datacontenttype", "text/plain"],
  ["dataschema", "https://planted.example/schema"],
  ["specversion", "0.3"],
  ["content-type", "text/plain"],
  ["ce-datacontenttype", "text/plain"],
  ["ce-subject", "planted-subject"],
];

/** Runs `fn` with `Object.prototype[name] = value` (enumerable or not), then removes it. */
function withPollution<T>(name: string, value: unknown, enumerable: boolean, fn: () => T): T {
  Object.defineProperty(Object.prototype, name, {
    value,
    enumerable,
    configurable: true,
    writable: true,
  });
  try {
    return fn();
  } finally {
    delete (Object.prototype as Record<string, unknown>)[name];
  }
}

/** HTTP binary-mode headers as the consumer passes them (a null-prototype copy of ce-* + content-type). */
function binaryHeaders(): Record<string, string> {
  const headers = Object.create(null) as Record<string, string>;
  headers["ce-specversion"] = "1.0";
  headers["ce-id"] = "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31";
  headers["ce-source"] = "//orders.example.com/checkout";
  headers["ce-type"] = "com.example.order.placed.v1";
  return headers;
}

describe("decoding under a polluted Object.prototype", () => {
  const event = orderPlaced("evt-pollution");
  const body = JSON.stringify(pushBody(event));
  const expectedPush = fromPubSubPush(JSON.parse(body)).event;
  const expectedBinary = fromBinary(binaryHeaders(), { a: 1 }, "headers");

  for (const [name, value] of PLANTED) {
    for (const enumerable of [true, false]) {
      const how = `${enumerable ? "enumerable" : "non-enumerable"} Object.prototype[${JSON.stringify(name)}]`;

      it(`a Pub/Sub push in binary mode decodes as without a ${how}`, () => {
        const decoded = withPollution(
          name,
          value,
          enumerable,
          () => fromPubSubPush(JSON.parse(body)).event,
        );
        assert.deepEqual(decoded, expectedPush);
        assert.equal(Object.hasOwn(decoded, name), Object.hasOwn(expectedPush, name));
      });

      it(`HTTP binary-mode headers decode as without a ${how}`, () => {
        const decoded = withPollution(name, value, enumerable, () =>
          fromBinary(binaryHeaders(), { a: 1 }, "headers"),
        );
        assert.deepEqual(decoded, expectedBinary);
        assert.equal(Object.hasOwn(decoded, name), Object.hasOwn(expectedBinary, name));
      });
    }
  }

  it("an event's own attribute still wins over a polluted prototype's", () => {
    const decoded = withPollution("subject", "planted-subject", true, () =>
      fromBinary({ ...binaryHeaders(), "ce-subject": "own" }, undefined, "headers"),
    );
    assert.equal(decoded.subject, "own");
  });
});

/** The Pub/Sub message members the push body's fast path reads. */
const MESSAGE_MEMBERS = [
  "data",
  "attributes",
  "messageId",
  "message_id",
  "publishTime",
  "publish_time",
  "orderingKey",
] as const;

describe("the push body's fast path under a polluted Object.prototype", () => {
  const message = pushBody(orderPlaced("evt-pollution-fast")).message as Record<string, unknown>;

  for (const name of MESSAGE_MEMBERS) {
    for (const planted of ["planted garbage", "2025-11-20T09:15:01.915Z", undefined]) {
      for (const prototype of ["ordinary", "null-prototype"] as const) {
        it(`accepts only what zod accepts, with its output: Object.prototype.${name} = ${JSON.stringify(planted) ?? "undefined"}, ${prototype} message`, () => {
          // Programmatic callers can hand over a message without a prototype, so its missing
          // members are never inherited; the fast path's own shortcuts must not read them either.
          const raw: Record<string, unknown> =
            prototype === "ordinary" ? {} : (Object.create(null) as Record<string, unknown>);
          for (const [key, value] of Object.entries(message)) {
            if (key !== name && key !== "publishTime") raw[key] = value;
          }
          // publish_time is matched against the accepted publishTime: give it the planted value.
          if (name === "publishTime") raw.publish_time = planted ?? "not a timestamp";
          const body = { message: raw, subscription: "projects/p/subscriptions/s" };
          const { fast, judged } = withPollution(name, planted, false, () => ({
            fast: parsePushBody.fast(body),
            judged: parsePushBody.schema.safeParse(body),
          }));
          if (fast !== undefined) {
            assert.ok(
              judged.success,
              `the fast path accepted what zod refuses: ${JSON.stringify(fast)}`,
            );
            assert.deepStrictEqual(fast, judged.data);
          }
        });
      }
    }
  }
});
