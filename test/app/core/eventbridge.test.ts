import assert from "node:assert/strict";
import { fromEventBridge, toPutEventsEntry } from "../../../app/core/eventbridge";
import { fromPubSubPush } from "../../../app/core/pubsub-push";
import { readSample } from "../support/fixtures";

describe("EventBridge event ⇄ CloudEvent", () => {
  it("decodes the sample EventBridge delivery into the same CloudEvent as the sample push delivery", () => {
    const { event, delivery } = fromEventBridge(readSample("order-placed.eventbridge.json"));
    assert.deepEqual(event, fromPubSubPush(readSample("order-placed.pubsub-push.json")).event);
    assert.deepEqual(delivery, {
      eventBridgeId: "5c9b2d1e-7f3a-4b6c-9e8d-1a2b3c4d5e6f",
      account: "111122223333",
      region: "eu-west-1",
    });
  });

  it("round-trips through PutEvents: source, detail-type and detail carry the whole event", () => {
    const event = fromEventBridge(readSample("order-placed.eventbridge.json")).event;
    const entry = toPutEventsEntry(event, "eventstack-prod");
    assert.equal(entry.Source, "//orders.example.com/checkout");
    assert.equal(entry.DetailType, "com.example.order.placed.v1");
    assert.equal(entry.EventBusName, "eventstack-prod");
    // What EventBridge would deliver for that entry:
    const delivered = {
      version: "0",
      id: "d1f0c6a2-3b4e-4f5a-8b9c-0d1e2f3a4b5c",
      "detail-type": entry.DetailType,
      source: entry.Source,
      account: "111122223333",
      time: "2025-11-20T09:15:02Z",
      region: "eu-west-1",
      resources: [],
      detail: JSON.parse(entry.Detail) as unknown,
    };
    assert.deepEqual(fromEventBridge(delivered).event, event);
  });

  it("falls back to the EventBridge time when the detail has none", () => {
    const sample = readSample("order-placed.eventbridge.json") as {
      detail: Record<string, unknown>;
    };
    delete sample.detail.time;
    assert.equal(fromEventBridge(sample).event.time, "2025-11-20T09:15:02Z");
  });

  it("requires the CloudEvent id in the detail (EventBridge's own id is not the event's)", () => {
    const sample = readSample("order-placed.eventbridge.json") as {
      detail: Record<string, unknown>;
    };
    delete sample.detail.id;
    assert.throws(() => fromEventBridge(sample), /EventBridge event\.detail\.id: missing/);
  });

  it("rejects {} naming every missing field", () => {
    assert.throws(
      () => fromEventBridge({}),
      /EventBridge event\.version, EventBridge event\.id, .*EventBridge event\.detail: missing/,
    );
  });

  it("rejects an account id that is not 12 digits, showing the value", () => {
    const sample = readSample("order-placed.eventbridge.json") as Record<string, unknown>;
    assert.throws(
      () => fromEventBridge({ ...sample, account: "1234" }),
      /EventBridge event\.account: must be a 12-digit AWS account id \(got "1234"\)/,
    );
  });
});
