import assert from "node:assert/strict";
import { CloudEvent, HTTP } from "cloudevents";
import { InMemoryOrderBackend, type OrderBackend } from "../../../app/core/backend";
import { RetryableError } from "../../../app/core/errors";
import { orderCancelled, orderPlaced, pushBody, readSample } from "../support/fixtures";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";

describe("consumer acknowledgement rules (real HTTP on loopback)", () => {
  let consumer: RunningConsumer;
  let backend: InMemoryOrderBackend;

  beforeEach(async () => {
    backend = new InMemoryOrderBackend();
    consumer = await startConsumer({ backend });
  });
  afterEach(() => consumer.close());

  describe("2xx only after processing", () => {
    it("acknowledges the sample push delivery with 200 after recording the order", async () => {
      const res = await post(consumer.url, readSample("order-placed.pubsub-push.json"));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        status: "processed",
        event_id: "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31",
      });
      assert.deepEqual(
        backend.history("ord_7Q2M9X4KZP").map((c) => c.status),
        ["placed"],
      );
    });

    it("processes a structured-mode push delivery (content-type application/cloudevents+json)", async () => {
      const event = orderCancelled();
      const res = await post(consumer.url, pushBody(event, { mode: "structured" }));
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "processed");
      assert.equal(backend.history("ord_7Q2M9X4KZP")[0]?.eventId, event.id);
    });

    it("processes CloudEvents over HTTP in binary and structured mode as the cloudevents SDK emits them", async () => {
      for (const [mode, serialize] of [
        ["binary", HTTP.binary],
        ["structured", HTTP.structured],
      ] as const) {
        const sample = orderPlaced();
        const message = serialize(new CloudEvent({ ...sample, id: `${mode}-${sample.id}` }));
        const res = await fetch(consumer.url, {
          method: "POST",
          headers: message.headers as Record<string, string>,
          body: message.body as string,
        });
        assert.equal(res.status, 200, `${mode}: ${await res.text()}`);
      }
      assert.equal(backend.size, 2);
    });

    it("acknowledges a redelivery of the same event as a duplicate without recording it twice", async () => {
      const event = orderPlaced();
      const first = await post(consumer.url, pushBody(event, { messageId: "1001" }));
      const again = await post(
        consumer.url,
        pushBody(event, { messageId: "1001", deliveryAttempt: 2 }),
      );
      const republished = await post(consumer.url, pushBody(event, { messageId: "2002" }));
      assert.deepEqual(
        [first.body.status, again.body.status, republished.body.status],
        ["processed", "duplicate", "duplicate"],
      );
      assert.equal(backend.history("ord_7Q2M9X4KZP").length, 1);
      assert.equal(consumer.metrics.snapshot().duplicate, 2);
    });

    it("acknowledges an unknown event type and logs it as ignored", async () => {
      const event = { ...orderPlaced(), type: "com.example.invoice.issued.v1" };
      const res = await post(consumer.url, pushBody(event));
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "ignored");
      const [line] = consumer.logs.find("unknown event type acknowledged without processing");
      assert.equal(line?.event_id, event.id);
      assert.equal(line?.event_type, "com.example.invoice.issued.v1");
      assert.equal(backend.size, 0);
    });
  });

  describe("invalid input is never acknowledged", () => {
    const cases: [string, () => unknown, number][] = [
      ["empty JSON object", () => ({}), 400],
      [
        "push body without subscription",
        () => ({ message: (pushBody(orderPlaced()) as { message: unknown }).message }),
        400,
      ],
      ["push body whose data is not base64", () => withMessage({ data: "not base64!" }), 400],
      ["push body without ce-specversion", () => withoutAttribute("ce-specversion"), 400],
      [
        "push body with ce-specversion 0.3",
        () => withMessage({}, { "ce-specversion": "0.3" }),
        400,
      ],
      ["push body without ce-id", () => withoutAttribute("ce-id"), 400],
      [
        "structured push in an unsupported format",
        () => withMessage({}, { "content-type": "application/cloudevents+avro" }),
        400,
      ],
      [
        "known type with invalid data (poison)",
        () => pushBody({ ...orderPlaced(), data: { orderId: "42" } }),
        422,
      ],
      ["JSON array", () => [1, 2, 3], 400],
    ];
    for (const [name, body, status] of cases) {
      it(`answers ${status} for ${name}`, async () => {
        const res = await post(consumer.url, body());
        assert.equal(res.status, status, JSON.stringify(res.body));
        assert.equal(backend.size, 0);
      });
    }

    it("names the offending field and value in a poison message's response and log", async () => {
      const event = {
        ...orderPlaced(),
        data: { ...(orderPlaced().data as object), total: { amountMinor: 1, currency: "EUR" } },
      };
      const res = await post(consumer.url, pushBody(event));
      assert.equal(res.status, 422);
      assert.match(
        String(res.body.message),
        /data\.total\.amountMinor: must equal the sum of quantity × unitPrice \(4300\) \(got 1\)/,
      );
      const [line] = consumer.logs.find("event not acknowledged");
      assert.equal(line?.failure, "poison");
      assert.equal(line?.event_id, event.id);
    });

    it("answers 400 for malformed JSON and 413 for a body over the limit", async () => {
      assert.equal((await post(consumer.url, '{"message": ')).status, 400);
      const big = JSON.stringify({ padding: "x".repeat(1024 * 1024) });
      assert.equal((await post(consumer.url, big)).status, 413);
    });

    it("answers 415 for content types other than JSON and CloudEvents JSON", async () => {
      for (const type of [
        "text/plain",
        "application/xml",
        "application/cloudevents-batch+json",
        "application/x-www-form-urlencoded",
      ]) {
        const res = await post(consumer.url, JSON.stringify(pushBody(orderPlaced())), {
          "content-type": type,
        });
        assert.equal(res.status, 415, type);
        assert.match(String(res.body.message), /application\/cloudevents\+json/);
      }
    });

    it("answers 405 with Allow for wrong methods and 404 for unknown paths", async () => {
      for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
        const res = await fetch(consumer.url, { method });
        assert.equal(res.status, 405, method);
        assert.equal(res.headers.get("allow"), "POST");
      }
      const healthPost = await fetch(`${consumer.url}/healthz`, { method: "POST" });
      assert.equal(healthPost.status, 405);
      assert.equal(healthPost.headers.get("allow"), "GET, HEAD");
      assert.equal((await post(`${consumer.url}/events`, pushBody(orderPlaced()))).status, 404);
      assert.equal((await fetch(`${consumer.url}/nope`)).status, 404);
    });

    it("answers GET /healthz with 200 and the counters", async () => {
      await post(consumer.url, pushBody(orderPlaced()));
      const res = await fetch(`${consumer.url}/healthz`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.status, "ok");
      assert.equal(body.processed, 1);
    });
  });

  describe("dependency failures are retryable", () => {
    it("answers 503 when the backend fails and processes the redelivery once it recovers", async () => {
      let failing = true;
      const recorded: string[] = [];
      const flaky: OrderBackend = {
        record: async (change) => {
          if (failing) throw new RetryableError("backend answered 503 for order");
          recorded.push(change.eventId);
        },
      };
      await consumer.close();
      consumer = await startConsumer({ backend: flaky });
      const body = pushBody(orderPlaced());
      const first = await post(consumer.url, body);
      assert.equal(first.status, 503);
      assert.equal(first.body.error, "unavailable");
      failing = false;
      const retry = await post(consumer.url, body);
      assert.equal(retry.status, 200);
      assert.equal(retry.body.status, "processed");
      assert.equal(recorded.length, 1);
    });

    it("answers 503 (not 2xx) when the backend throws something unexpected", async () => {
      await consumer.close();
      consumer = await startConsumer({
        backend: {
          record: () => Promise.reject(new TypeError("Cannot read properties of undefined")),
        },
      });
      const res = await post(consumer.url, pushBody(orderPlaced()));
      assert.equal(res.status, 503);
      assert.equal(res.body.message, "temporary failure; retry");
    });

    it("answers 409 to a second delivery that arrives while the first is still processing", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      await consumer.close();
      consumer = await startConsumer({ backend: { record: () => gate } });
      const body = pushBody(orderPlaced());
      const first = post(consumer.url, body);
      await waitFor(() => consumer.store.size === 1);
      const second = await post(consumer.url, body);
      release();
      assert.equal(second.status, 409);
      assert.equal((await first).status, 200);
    });
  });
});

function withMessage(
  patch: Record<string, unknown>,
  attributes: Record<string, string> = {},
): unknown {
  const body = pushBody(orderPlaced()) as { message: Record<string, unknown> };
  const message = {
    ...body.message,
    ...patch,
    attributes: { ...(body.message.attributes as object), ...attributes },
  };
  return { ...body, message };
}

function withoutAttribute(name: string): unknown {
  const body = pushBody(orderPlaced()) as { message: { attributes: Record<string, string> } };
  const attributes = { ...body.message.attributes };
  delete attributes[name];
  return { ...body, message: { ...body.message, attributes } };
}

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}
