import assert from "node:assert/strict";
import fc from "fast-check";
import { orderPlaced, pushBody } from "../support/fixtures";
import { startConsumer, type RunningConsumer } from "../support/consumer";

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/cloudevents+json",
  "text/plain",
  "application/octet-stream",
  "",
];

/** Arbitrary bodies: raw text, arbitrary JSON, and push-shaped objects with random contents. */
const bodies: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        message: fc.record(
          {
            data: fc.oneof(fc.base64String({ maxLength: 200 }), fc.string(), fc.integer()),
            attributes: fc.dictionary(
              fc.oneof(
                fc.constantFrom("ce-id", "ce-type", "ce-source", "content-type"),
                fc.string(),
              ),
              fc.string(),
            ),
            messageId: fc.oneof(fc.string(), fc.integer()),
            publishTime: fc.string(),
          },
          { requiredKeys: [] },
        ),
        subscription: fc.oneof(fc.constant("projects/p/subscriptions/s"), fc.string()),
        deliveryAttempt: fc.oneof(fc.integer(), fc.string()),
      },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
);

describe("consumer under random input (fast-check)", () => {
  let consumer: RunningConsumer;
  before(async () => {
    consumer = await startConsumer();
  });
  after(() => consumer.close());

  it("never answers 2xx to a random body and keeps serving", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
        const res = await fetch(consumer.url, {
          method: "POST",
          headers: contentType === "" ? {} : { "content-type": contentType },
          body,
        });
        await res.arrayBuffer();
        assert.ok(
          res.status >= 400 && res.status < 500,
          `status ${res.status} for ${contentType} ${body.slice(0, 200)}`,
        );
      }),
      { numRuns: 300 },
    );
    assert.equal(consumer.metrics.snapshot().processed, 0);
    assert.equal((await fetch(`${consumer.url}/healthz`)).status, 200);
  });

  it("never answers 2xx when one required CloudEvent attribute of a valid push is damaged", async () => {
    const damaged = fc.record({
      attribute: fc.constantFrom("ce-specversion", "ce-id", "ce-source"),
      value: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom("", " ", "0.3", "2.0"),
        fc.string({ maxLength: 3 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(damaged, async ({ attribute, value }) => {
        const body = pushBody(orderPlaced()) as {
          message: { attributes: Record<string, string | undefined> };
        };
        body.message.attributes[attribute] = value;
        if (attribute === "ce-specversion" && value === "1.0") return; // undamaged after all
        if (attribute === "ce-id" && value !== undefined && value !== "") return; // any non-empty id is valid
        if (attribute === "ce-source" && value !== undefined && /^\S+$/.test(value)) return;
        const res = await fetch(consumer.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        assert.equal(res.status, 400, `${attribute}=${JSON.stringify(value)}`);
      }),
      { numRuns: 100 },
    );
    assert.equal((await fetch(`${consumer.url}/healthz`)).status, 200);
  });
});
