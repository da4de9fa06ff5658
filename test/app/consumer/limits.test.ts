import assert from "node:assert/strict";
import { InMemoryOrderBackend } from "../../../app/core/backend";
import { orderPlaced, pushBody } from "../support/fixtures";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";
import { request } from "node:http";

/** `[[[…]]]` nested `depth` deep, built as text (no recursion here either). */
function nestedArray(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

describe("bounded responses, log lines and keys under hostile input (real HTTP on loopback)", () => {
  let consumer: RunningConsumer;
  let backend: InMemoryOrderBackend;
  beforeEach(async () => {
    backend = new InMemoryOrderBackend();
    consumer = await startConsumer({ backend });
  });
  afterEach(() => consumer.close());

  it("refuses an id over 1024 bytes with 400 naming the limit, without echoing the id", async () => {
    const id = "x".repeat(250_000);
    const res = await post(consumer.url, pushBody(orderPlaced(id)));
    assert.equal(res.status, 400);
    assert.match(String(res.body.message), /ce-id: must be at most 1024 bytes \(UTF-8\)/);
    assert.ok(JSON.stringify(res.body).length < 1000, `${JSON.stringify(res.body).length} chars`);
    assert.ok(Math.max(...consumer.logs.raw.map((l) => l.length)) < 2000);
    assert.equal(backend.size, 0);
  });

  it("refuses a source over 1024 bytes (multi-byte characters count as bytes)", async () => {
    const event = { ...orderPlaced(), source: `//orders.example.com/${"é".repeat(600)}` };
    const res = await post(consumer.url, pushBody(event));
    assert.equal(res.status, 400);
    assert.match(String(res.body.message), /ce-source: must be at most 1024 bytes/);
  });

  it("accepts an id of exactly 1024 bytes and keeps the dedupe entry small", async () => {
    const res = await post(consumer.url, pushBody(orderPlaced("i".repeat(1024))));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(consumer.store.bytes < 400, `${consumer.store.bytes} bytes for one entry`);
  });

  it("answers 60 000 invalid attributes with a bounded 400 body and log line", async () => {
    const body = pushBody(orderPlaced()) as { message: { attributes: Record<string, unknown> } };
    for (let i = 0; i < 60_000; i++) body.message.attributes[`x-${i}`] = i;
    const res = await post(consumer.url, body);
    assert.equal(res.status, 400);
    const size = JSON.stringify(res.body).length;
    assert.ok(size < 4096, `400 body is ${size} chars`);
    assert.match(String(res.body.message), /and 59990 more issues/);
    const longest = Math.max(...consumer.logs.raw.map((l) => l.length));
    assert.ok(longest < 16 * 1024, `longest log line is ${longest} chars`);
  });

  it("answers deeply nested data of a known type with 422 (poison), not a retryable 503", async () => {
    const event = orderPlaced();
    const json = JSON.stringify({ ...event, data: "@@DATA@@" }).replace(
      '"@@DATA@@"',
      nestedArray(200_000),
    );
    const res = await post(consumer.url, json, { "content-type": "application/cloudevents+json" });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.error, "poison_event");
    assert.equal(consumer.logs.find("event not acknowledged")[0]?.failure, "poison");
  });

  it("caps an over-long request path in the 404 body and log line", async () => {
    const res = await fetch(`${consumer.url}/${"p".repeat(8000)}`);
    assert.equal(res.status, 404);
    assert.ok((await res.text()).length < 600);
    assert.ok(Math.max(...consumer.logs.raw.map((l) => l.length)) < 2000);
  });
});

describe("request timeout: a stalled body is cut, not held open", () => {
  it("answers 408 and closes the connection when the body stalls past requestTimeoutMs", async () => {
    const consumer = await startConsumer({ requestTimeoutMs: 300 });
    try {
      const body = Buffer.from(JSON.stringify(pushBody(orderPlaced())));
      const { port } = new URL(consumer.url);
      const outcome = await new Promise<string>((resolve) => {
        const req = request({
          host: "127.0.0.1",
          port: Number(port),
          method: "POST",
          path: "/",
          headers: { "content-type": "application/json", "content-length": body.length },
        });
        req.on("response", (res) => resolve(`status ${res.statusCode}`));
        req.on("error", (err) => resolve(`error ${err.message}`));
        req.write(body.subarray(0, 10)); // …and never the rest
      });
      assert.equal(outcome, "status 408");
      assert.equal(consumer.metrics.snapshot().processed, 0);
    } finally {
      await consumer.close();
    }
  });
});
