import assert from "node:assert/strict";
import { orderPlaced, pushBody } from "../support/fixtures";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";

describe("consumer log lines", () => {
  let consumer: RunningConsumer;
  beforeEach(async () => {
    consumer = await startConsumer({ project: "eventstack-dev" });
  });
  afterEach(() => consumer.close());

  it("carry time, severity, message, event id, trace, timing and delivery fields as one JSON line", async () => {
    const event = orderPlaced();
    await post(
      consumer.url,
      pushBody(event, { messageId: "13024691772118375", deliveryAttempt: 3 }),
      {
        traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      },
    );
    const [line] = consumer.logs.find("event processed");
    assert.ok(line !== undefined);
    assert.match(String(line.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(line.severity, "INFO");
    assert.equal(line.level, "info");
    assert.equal(line.event_id, event.id);
    assert.equal(line.event_type, "com.example.order.placed.v1");
    assert.equal(line.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
    assert.equal(
      line["logging.googleapis.com/trace"],
      "projects/eventstack-dev/traces/4bf92f3577b34da6a3ce929d0e0e4736",
    );
    assert.equal(line["logging.googleapis.com/spanId"], "00f067aa0ba902b7");
    assert.equal(line["logging.googleapis.com/trace_sampled"], true);
    assert.equal(typeof line.processing_time_ms, "number");
    assert.equal(line.message_id, "13024691772118375");
    assert.equal(line.delivery_attempt, 3);
    assert.equal(
      line.subscription,
      "projects/eventstack-dev/subscriptions/eventstack-dev-orders-push",
    );
    assert.equal(line.outcome, "processed");
  });

  it("take the trace from X-Cloud-Trace-Context when there is no traceparent", async () => {
    await post(consumer.url, pushBody(orderPlaced()), {
      "x-cloud-trace-context": "105445aa7843bc8bf206b12000100000/1;o=1",
    });
    const [line] = consumer.logs.find("event processed");
    assert.equal(line?.trace_id, "105445aa7843bc8bf206b12000100000");
    assert.equal(
      line?.["logging.googleapis.com/trace"],
      "projects/eventstack-dev/traces/105445aa7843bc8bf206b12000100000",
    );
    assert.equal(line?.["logging.googleapis.com/spanId"], "0000000000000001");
  });

  it("log a rejected request at WARNING with the reason", async () => {
    await post(consumer.url, { message: {}, subscription: "projects/p/subscriptions/s" });
    const [line] = consumer.logs.find("request rejected");
    assert.equal(line?.severity, "WARNING");
    assert.equal(line?.status, 400);
    assert.match(JSON.stringify(line?.error), /messageId: is missing/);
  });
});
