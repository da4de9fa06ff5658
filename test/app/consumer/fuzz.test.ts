import assert from "node:assert/strict";
import fc from "fast-check";
import { orderPlaced, pushBody, type StructuredEvent } from "../support/fixtures";
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

/** Ids from ordinary to far beyond the 1024-byte limit, multi-byte characters included. */
const ids: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc
    .tuple(fc.constantFrom("x", "é", "𝄞"), fc.integer({ min: 200, max: 60_000 }))
    .map(([c, n]) => c.repeat(n)),
);

/** Data as JSON text: the sample's, or arrays/objects nested up to 100 000 deep. */
const dataTexts: fc.Arbitrary<string> = fc.oneof(
  fc.constant(JSON.stringify(orderPlaced().data)),
  fc
    .tuple(fc.integer({ min: 1, max: 100_000 }), fc.boolean())
    .map(([depth, objects]) =>
      objects
        ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`
        : `${"[".repeat(depth)}${"]".repeat(depth)}`,
    ),
);

/** Optional attributes that a producer sends as JSON null. */
const nullAttributes = fc.subarray([
  "subject",
  "time",
  "dataschema",
  "datacontenttype",
  "traceparent",
]);

/** Media types a binary-mode event may declare, the odd and the refused included. */
const mediaTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "text/plain; charset=iso-8859-1",
  "application/xml",
  "application/octet-stream",
  "image/png",
  "application/cloudevents-batch+json",
  "",
);

const ORDER_TYPES = ["com.example.order.placed.v1", "com.example.invoice.issued.v1"];

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

  it("answers long ids, nested data, null attributes and odd media types with a bounded 2xx/4xx, never 5xx", async () => {
    const cases = fc.record({
      id: ids,
      type: fc.constantFrom(...ORDER_TYPES),
      data: dataTexts,
      nulls: nullAttributes,
      mode: fc.constantFrom("structured", "binary"),
      media: mediaTypes,
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ id, type, data, nulls, mode, media }) => {
        const event: StructuredEvent = { ...orderPlaced(id), type, data: "@@DATA@@" };
        for (const name of nulls) event[name] = null;
        let res: Response;
        if (mode === "structured") {
          res = await fetch(consumer.url, {
            method: "POST",
            headers: { "content-type": "application/cloudevents+json" },
            body: JSON.stringify(event).replace('"@@DATA@@"', data),
          });
        } else {
          const headers: Record<string, string> = media === "" ? {} : { "content-type": media };
          for (const [key, value] of Object.entries(event)) {
            if (key !== "data" && key !== "datacontenttype" && value !== null)
              headers[`ce-${key}`] = encodeURIComponent(String(value));
          }
          res = await fetch(consumer.url, { method: "POST", headers, body: data });
        }
        const text = await res.text();
        const label = `${mode} ${media} id ${id.length} chars, data ${data.length} chars: ${res.status} ${text.slice(0, 300)}`;
        // 431: headers over Node's 16 KiB limit (a binary-mode id in the tens of kilobytes).
        assert.ok([200, 400, 415, 422, 431].includes(res.status), label);
        assert.ok(text.length < 4096, label);
        if (Buffer.byteLength(id) > 1024) assert.ok(res.status >= 400, label);
      }),
      { numRuns: 150 },
    );
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
