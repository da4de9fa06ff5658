import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { contentDigest, eventKey } from "../../../app/core/idempotency";

/** Strings of any UTF-16 units, lone surrogates included (they encode as U+FFFD in UTF-8). */
const anyText = fc.string({ unit: "binary", maxLength: 300 });
const rawUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((units) => String.fromCharCode(...units));

describe("event identity hashes", () => {
  // Keys already stored in DynamoDB and Firestore were made with createHash().update() ×3; a
  // different key for the same event would let a redelivery after a deploy apply it twice.
  it("Compliance 1: eventKey is the SHA-256 of source, NUL, id as three updates gave it", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, rawUnits), fc.oneof(anyText, rawUnits), (source, id) => {
        const expected = createHash("sha256")
          .update(source)
          .update("\u0000")
          .update(id)
          .digest("base64url");
        assert.equal(eventKey({ source, id }), expected);
      }),
      { numRuns: 500 },
    );
  });

  it("Compliance 2: the sample event's key is the one stored before (known answer)", () => {
    assert.equal(
      eventKey({
        source: "//orders.example.com/checkout",
        id: "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31",
      }),
      "IRSuF9Rk2I3Ajpym4WHHk9a3tVW1Q7MQBRHdmsystHo",
    );
  });

  it("Compliance 3: contentDigest is the SHA-256 (base64url) of the serialised content", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, rawUnits), (text) => {
        assert.equal(contentDigest(text), createHash("sha256").update(text).digest("base64url"));
      }),
      { numRuns: 300 },
    );
  });
});
