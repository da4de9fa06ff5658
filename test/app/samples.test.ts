import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fromEventBridge } from "../../app/core/eventbridge";
import { parseOrderEvent } from "../../app/core/orders/schemas";
import { fromPubSubPush } from "../../app/core/pubsub-push";
import { SAMPLES_DIR, readSample } from "./support/fixtures";

describe("app/samples", () => {
  it("holds one push delivery, one EventBridge delivery and the CloudEvent they both carry", () => {
    assert.deepEqual(readdirSync(SAMPLES_DIR).sort(), [
      "order-placed.cloudevent.json",
      "order-placed.eventbridge.json",
      "order-placed.pubsub-push.json",
    ]);
  });

  it("the push sample is shaped like a real wrapped push delivery with a dead-letter policy", () => {
    const body = readSample("order-placed.pubsub-push.json") as Record<
      string,
      Record<string, unknown>
    >;
    assert.deepEqual(Object.keys(body).sort(), ["deliveryAttempt", "message", "subscription"]);
    const message = body.message ?? {};
    assert.deepEqual(Object.keys(message).sort(), [
      "attributes",
      "data",
      "messageId",
      "message_id",
      "publishTime",
      "publish_time",
    ]);
    assert.equal(message.messageId, message.message_id);
    assert.equal(message.publishTime, message.publish_time);
    assert.match(String(message.data), /^[A-Za-z0-9+/]+={0,2}$/);
    const attributes = message.attributes as Record<string, string>;
    for (const name of ["ce-specversion", "ce-type", "ce-source", "ce-id"])
      assert.ok(attributes[name], name);
    assert.equal(attributes["content-type"], "application/json");
  });

  it("the EventBridge sample is shaped like a delivered event whose source does not start with aws.", () => {
    const event = readSample("order-placed.eventbridge.json") as Record<string, unknown>;
    assert.deepEqual(Object.keys(event).sort(), [
      "account",
      "detail",
      "detail-type",
      "id",
      "region",
      "resources",
      "source",
      "time",
      "version",
    ]);
    assert.doesNotMatch(String(event.source), /^aws\./);
  });

  it("all three carry the same valid order event", () => {
    const cloudEvent = readSample("order-placed.cloudevent.json");
    const push = fromPubSubPush(readSample("order-placed.pubsub-push.json")).event;
    const eventBridge = fromEventBridge(readSample("order-placed.eventbridge.json")).event;
    assert.deepEqual(push, cloudEvent);
    assert.deepEqual(eventBridge, cloudEvent);
    assert.equal(parseOrderEvent(push)?.type, "com.example.order.placed.v1");
  });
});
