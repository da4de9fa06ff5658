import assert from "node:assert/strict";
import { createHttpOrderBackend } from "../../../app/core/backend";
import { staticSecret } from "../../../app/core/secrets";
import { identityKey, orderPlaced, pushBody } from "../support/fixtures";
import { startFakeBackend, type FakeBackend } from "../support/backend-server";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";

describe("event identity is source + id everywhere (real HTTP on loopback)", () => {
  let backend: FakeBackend;
  let consumer: RunningConsumer;
  beforeEach(async () => {
    backend = await startFakeBackend();
    consumer = await startConsumer({
      backend: createHttpOrderBackend({ baseUrl: backend.url, apiKey: staticSecret(undefined) }),
    });
  });
  afterEach(async () => {
    await consumer.close();
    await backend.close();
  });

  it("applies two distinct events that share an id but not a source, each with its own idempotency key", async () => {
    const a = { ...orderPlaced("1001"), source: "//orders.example.com/checkout" };
    const b = { ...orderPlaced("1001"), source: "//orders.example.com/marketplace" };
    const first = await post(consumer.url, pushBody(a));
    const second = await post(consumer.url, pushBody(b));
    assert.deepEqual(
      [first.body.status, second.body.status],
      ["processed", "processed"],
      JSON.stringify([first.body, second.body]),
    );
    assert.deepEqual(
      backend.requests.map((r) => r.headers["idempotency-key"]),
      [identityKey(a), identityKey(b)],
    );
    assert.deepEqual(
      backend.requests.map((r) => [r.body.eventSource, r.body.eventId]),
      [
        [a.source, "1001"],
        [b.source, "1001"],
      ],
    );
  });

  it("acknowledges a duplicate whose content differs, logging both digests at WARNING", async () => {
    const original = orderPlaced();
    const data = original.data as { placedAt: string };
    const altered = { ...original, data: { ...data, placedAt: "2025-11-21T00:00:00.000Z" } };
    assert.equal((await post(consumer.url, pushBody(original))).body.status, "processed");
    assert.equal((await post(consumer.url, pushBody(original))).body.status, "duplicate");
    const res = await post(consumer.url, pushBody(altered));
    assert.equal(res.body.status, "duplicate");
    assert.equal(consumer.logs.find("duplicate event acknowledged").length, 1);
    const [line] = consumer.logs.find("duplicate event with different content acknowledged");
    assert.equal(line?.severity, "WARNING");
    assert.equal(line?.event_id, original.id);
    assert.match(String(line?.original_digest), /^[A-Za-z0-9_-]{43}$/);
    assert.match(String(line?.duplicate_digest), /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(line?.original_digest, line?.duplicate_digest);
    assert.equal(backend.requests.length, 1);
  });
});
