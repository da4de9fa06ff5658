import assert from "node:assert/strict";
import { inspect } from "node:util";
import { createHttpOrderBackend } from "../../../app/core/backend";
import { Secret, staticSecret } from "../../../app/core/secrets";
import { identityKey, orderCancelled, orderPlaced, pushBody } from "../support/fixtures";
import { startFakeBackend, type FakeBackend } from "../support/backend-server";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";

const API_KEY = "sk_live_7f3b9c2e4d1a8f6b0c5e9d2a";

describe("consumer → backend API with the secret API key", () => {
  let backend: FakeBackend;
  let consumer: RunningConsumer;

  beforeEach(async () => {
    backend = await startFakeBackend();
    consumer = await startConsumer({
      backend: createHttpOrderBackend({
        baseUrl: backend.url,
        apiKey: staticSecret(new Secret(API_KEY)),
        timeoutMs: 2000,
      }),
      project: "eventstack-dev",
    });
  });
  afterEach(async () => {
    await consumer.close();
    await backend.close();
  });

  it("sends the change with the key as bearer token and the event identity (source + id) as idempotency key", async () => {
    const event = orderPlaced();
    const res = await post(consumer.url, pushBody(event));
    assert.equal(res.status, 200);
    const [sent] = backend.requests;
    assert.equal(sent?.method, "POST");
    assert.equal(sent?.url, "/v1/orders/ord_7Q2M9X4KZP/events");
    assert.equal(sent?.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(sent?.headers["idempotency-key"], identityKey(event));
    assert.deepEqual(sent?.body, {
      eventKey: identityKey(event),
      eventId: event.id,
      eventSource: event.source,
      orderId: "ord_7Q2M9X4KZP",
      status: "placed",
      occurredAt: "2025-11-20T09:15:01.482Z",
      detail: {
        customerId: "cus_4H8T2W6RJN",
        itemCount: 2,
        total: { amountMinor: 4300, currency: "EUR" },
      },
    });
  });

  const outcomes: [number, number, string][] = [
    [503, 503, "a backend outage is retried"],
    [429, 503, "backend throttling is retried"],
    [401, 503, "a rejected key (rotation in progress) is retried"],
    [409, 200, "a change the backend already has is acknowledged"],
    [400, 422, "a change the backend refuses for good is left for the dead-letter topic"],
  ];
  for (const [backendStatus, status, name] of outcomes) {
    it(`answers ${status} when the backend answers ${backendStatus}: ${name}`, async () => {
      backend.status = backendStatus;
      const res = await post(consumer.url, pushBody(orderCancelled()));
      assert.equal(res.status, status);
    });
  }

  it("does not remember an event the backend refused as done: its redelivery is sent again", async () => {
    const body = pushBody(orderCancelled());
    backend.status = 400;
    assert.equal((await post(consumer.url, body)).status, 422);
    assert.equal((await post(consumer.url, body)).status, 422);
    backend.status = 201;
    const fixed = await post(consumer.url, body);
    assert.equal(fixed.status, 200);
    assert.equal(fixed.body.status, "processed");
    assert.equal(backend.requests.length, 3);
    assert.equal((await post(consumer.url, body)).body.status, "duplicate");
    assert.equal(backend.requests.length, 3);
  });

  it("answers 503 when the backend is unreachable", async () => {
    await backend.close();
    const res = await post(consumer.url, pushBody(orderCancelled()));
    assert.equal(res.status, 503);
  });

  it("never writes the key to a log line, whatever happens", async () => {
    await post(consumer.url, pushBody(orderPlaced()), {
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    });
    backend.status = 401;
    await post(consumer.url, pushBody(orderCancelled()));
    backend.status = 400;
    await post(consumer.url, pushBody(orderCancelled()));
    await backend.close();
    await post(consumer.url, pushBody(orderCancelled()));
    assert.ok(consumer.logs.raw.length >= 4);
    for (const line of consumer.logs.raw) assert.ok(!line.includes(API_KEY), line);
  });
});

describe("Secret", () => {
  it("redacts itself in String(), JSON and util.inspect, and reveals only on request", () => {
    const secret = new Secret(API_KEY);
    assert.equal(String(secret), "[redacted]");
    assert.equal(`${secret}`, "[redacted]");
    assert.equal(JSON.stringify({ secret }), '{"secret":"[redacted]"}');
    assert.ok(!inspect({ secret }).includes(API_KEY));
    assert.equal(secret.reveal(), API_KEY);
  });
});
