import assert from "node:assert/strict";
import { fromPubSubPush, toPubSubMessage } from "../../../app/core/pubsub-push";
import { orderPlaced, pushBody, readSample } from "../support/fixtures";

describe("Pub/Sub push delivery → CloudEvent", () => {
  it("decodes the sample push body (binary mode) into the sample CloudEvent", () => {
    const { event, delivery } = fromPubSubPush(readSample("order-placed.pubsub-push.json"));
    assert.deepEqual(event, readSample("order-placed.cloudevent.json"));
    assert.deepEqual(delivery, {
      messageId: "13024691772118375",
      publishTime: "2025-11-20T09:15:01.915Z",
      subscription: "projects/eventstack-dev/subscriptions/eventstack-dev-orders-push",
      deliveryAttempt: 1,
      mode: "binary",
    });
  });

  it("decodes structured mode (content-type attribute application/cloudevents+json) to the same event", () => {
    const sample = orderPlaced("evt-1");
    const structured = fromPubSubPush(pushBody(sample, { mode: "structured" }));
    const binary = fromPubSubPush(pushBody(sample));
    assert.equal(structured.delivery.mode, "structured");
    assert.deepEqual(structured.event, binary.event);
  });

  it("accepts the snake_case fields alone and no deliveryAttempt (no dead-letter policy)", () => {
    const body = pushBody(orderPlaced()) as { message: Record<string, unknown> };
    delete body.message.messageId;
    delete body.message.publishTime;
    const { delivery } = fromPubSubPush(body);
    assert.equal(delivery.messageId, body.message.message_id);
    assert.equal(delivery.deliveryAttempt, undefined);
  });

  it("accepts a delivery with an ordering key, a nanosecond publish time and fields Pub/Sub may add later", () => {
    const body = pushBody(orderPlaced("evt-3")) as {
      message: Record<string, unknown>;
    } & Record<string, unknown>;
    body.message.publishTime = "2014-10-02T15:01:23.045123456Z";
    body.message.publish_time = "2014-10-02T15:01:23.045123456Z";
    body.message.orderingKey = "ord_7Q2M9X4KZP";
    body.message.someFutureField = { nested: true };
    body.someFutureField = 1;
    const { event, delivery } = fromPubSubPush(body);
    assert.equal(event.id, "evt-3");
    assert.equal(delivery.publishTime, "2014-10-02T15:01:23.045123456Z");
  });

  it("treats attribute names case-insensitively, as the binding says", () => {
    const body = pushBody(orderPlaced("evt-2")) as {
      message: { attributes: Record<string, string> };
    };
    body.message.attributes = Object.fromEntries(
      Object.entries(body.message.attributes).map(([k, v]) => [k.toUpperCase(), v]),
    );
    assert.equal(fromPubSubPush(body).event.id, "evt-2");
  });

  it("keeps an attribute named __proto__ (any case) as data: ignored like any non-ce attribute, nothing polluted", () => {
    for (const name of ["__proto__", "__PROTO__"]) {
      const text = JSON.stringify(pushBody(orderPlaced("evt-4"))).replace(
        '"attributes":{',
        `"attributes":{"${name}":{"polluted":true},"${name}":"x",`,
      );
      const { event } = fromPubSubPush(JSON.parse(text));
      assert.deepEqual(event, { ...orderPlaced("evt-4") }, name);
      assert.equal(Object.getPrototypeOf(event), Object.prototype, name);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, name);
    }
    // Two spellings of that name are refused like those of any other name.
    const twice = JSON.stringify(pushBody(orderPlaced("evt-5"))).replace(
      '"attributes":{',
      '"attributes":{"__PROTO__":"x","__Proto__":"y",',
    );
    assert.throws(
      () => fromPubSubPush(JSON.parse(twice)),
      /attributes: "__Proto__" is given twice with different case/,
    );
  });

  const invalid: [
    string,
    (b: { message: Record<string, unknown> } & Record<string, unknown>) => void,
    RegExp,
  ][] = [
    [
      "no message id at all",
      (b) => {
        delete b.message.messageId;
        delete b.message.message_id;
      },
      /push body\.message\.messageId: is missing/,
    ],
    [
      "disagreeing message ids",
      (b) => (b.message.message_id = "999"),
      /messageId "\d+" and message_id "999" disagree/,
    ],
    [
      "a subscription that is not a resource name",
      (b) => (b.subscription = "orders-push"),
      /push body\.subscription: must look like projects\/<project>\/subscriptions\/<name> \(got "orders-push"\)/,
    ],
    ["a deliveryAttempt of 0", (b) => (b.deliveryAttempt = 0), /push body\.deliveryAttempt/],
    [
      "a non-string attribute value",
      (b) => (b.message.attributes = { "ce-id": 7 }),
      /push body\.message\.attributes\.ce-id/,
    ],
    [
      "data that is not JSON although content-type says so",
      (b) => (b.message.data = Buffer.from("{oops").toString("base64")),
      /push body\.message\.data: is not valid JSON although the content type is application\/json/,
    ],
    [
      "an attribute given twice with different case",
      (b) => (b.message.attributes = { ...(b.message.attributes as object), "CE-ID": "x" }),
      /"CE-ID" is given twice with different case/,
    ],
  ];
  for (const [name, mutate, message] of invalid) {
    it(`rejects ${name}`, () => {
      const body = pushBody(orderPlaced()) as { message: Record<string, unknown> } & Record<
        string,
        unknown
      >;
      mutate(body);
      assert.throws(() => fromPubSubPush(body), message);
    });
  }

  it("builds the binary-mode Pub/Sub message the sample push body carries", () => {
    const sample = readSample("order-placed.pubsub-push.json") as {
      message: { data: string; attributes: Record<string, string> };
    };
    const message = toPubSubMessage(fromPubSubPush(sample).event);
    assert.deepEqual(message.attributes, sample.message.attributes);
    assert.deepEqual(
      JSON.parse(Buffer.from(message.data, "base64").toString()),
      JSON.parse(Buffer.from(sample.message.data, "base64").toString()),
    );
  });
});
