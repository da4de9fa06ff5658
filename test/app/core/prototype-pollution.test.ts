/**
 * A dependency that pollutes Object.prototype must not change how an event decodes: binary-mode
 * attributes are copied into ordinary objects on the hot path, whose missing members would
 * otherwise be read from the prototype (ECMA-262 §10.1.8.1 OrdinaryGet).
 */
import assert from "node:assert/strict";
import { fromBinary } from "../../../app/core/cloudevent";
import { fromPubSubPush } from "../../../app/core/pubsub-push";
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
function withPollution<T>(name: string, value: string, enumerable: boolean, fn: () => T): T {
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
