/**
 * The dead-letter commands against `@google-cloud/pubsub`'s Publisher and Subscriber clients,
 * talking gRPC to a local server built from the client's own protos (PUBSUB_EMULATOR_HOST).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  pubSubClients,
  pubSubSink,
  pubSubSource,
  type PubSubClients,
} from "../../../app/dlq/gcp-subscription";
import { memoryJournal } from "../../../app/dlq/journal";
import { listDeadLetters } from "../../../app/dlq/list";
import { redrive } from "../../../app/dlq/redrive";
import { rateLimiter } from "../../../app/dlq/rate-limit";
import { PubSubServer } from "./pubsub-server";

const SUBSCRIPTION = "projects/eventstack-dev/subscriptions/eventstack-dev-orders-dead-letter";
const TOPIC = "projects/eventstack-dev/topics/eventstack-dev-events";

/** The sample push delivery's message (app/samples/order-placed.pubsub-push.json). */
const sample = (
  JSON.parse(
    readFileSync(
      join(__dirname, "..", "..", "..", "app", "samples", "order-placed.pubsub-push.json"),
      "utf8",
    ),
  ) as { message: { attributes: Record<string, string>; data: string } }
).message;

/**
 * The attributes Pub/Sub adds when it forwards a message to a dead-letter topic
 * (https://cloud.google.com/pubsub/docs/handling-failures).
 */
function deadLetterAttributes(): Record<string, string> {
  return {
    CloudPubSubDeadLetterSourceDeliveryCount: "5",
    CloudPubSubDeadLetterSourceSubscription: "eventstack-dev-orders-push",
    CloudPubSubDeadLetterSourceSubscriptionProject: "eventstack-dev",
    CloudPubSubDeadLetterSourceTopicPublishTime: "2025-11-20T09:15:01.915Z",
  };
}

describe("dlq on GCP (Pub/Sub dead-letter subscription, events topic)", () => {
  let server: PubSubServer;
  let clients: PubSubClients;
  const emulatorHost = process.env.PUBSUB_EMULATOR_HOST;
  const detection = process.env.METADATA_SERVER_DETECTION;
  // Only loopback: the auth library must not look for a GCE metadata server
  // (gcp-metadata's METADATA_SERVER_DETECTION=none).
  before(() => {
    process.env.METADATA_SERVER_DETECTION = "none";
  });
  after(() => {
    if (detection === undefined) delete process.env.METADATA_SERVER_DETECTION;
    else process.env.METADATA_SERVER_DETECTION = detection;
  });

  beforeEach(async () => {
    server = await PubSubServer.start(SUBSCRIPTION);
    process.env.PUBSUB_EMULATOR_HOST = `127.0.0.1:${server.port}`;
    clients = await pubSubClients("eventstack-dev");
    const data = Buffer.from(sample.data, "base64");
    server.add(
      "dl-1",
      data,
      { ...sample.attributes, "ce-id": "ce-1", ...deadLetterAttributes() },
      "ord_7Q2M9X4KZP",
    );
    server.add("dl-2", data, { ...sample.attributes, "ce-id": "ce-2", ...deadLetterAttributes() });
    // Published to the dead-letter topic by hand, not by Pub/Sub: no source subscription.
    server.add("dl-3", data, { ...sample.attributes, "ce-id": "ce-3" });
  });
  afterEach(async () => {
    await clients.close();
    await server.stop();
    if (emulatorHost === undefined) delete process.env.PUBSUB_EMULATOR_HOST;
    else process.env.PUBSUB_EMULATOR_HOST = emulatorHost;
  });

  it("lists dead letters with their delivery count, source subscription and CloudEvents identity", async () => {
    const listing = await listDeadLetters(pubSubSource(clients.subscriber, SUBSCRIPTION), {}, 50);
    assert.equal(listing.records.length, 3);
    const first = listing.records.find((r) => r.key === "dl-1");
    assert.equal(first?.shape, "pubsub-dead-letter");
    assert.equal(first?.eventId, "ce-1");
    assert.equal(first?.eventType, "com.example.order.placed.v1");
    assert.equal(first?.failure.attempts, 5);
    assert.equal(
      first?.origin.sourceSubscription,
      "projects/eventstack-dev/subscriptions/eventstack-dev-orders-push",
    );
    assert.equal(first?.deadLetteredAt, "2025-11-20T09:20:00.000Z");
    assert.match(
      listing.records.find((r) => r.key === "dl-3")?.problem ?? "",
      /CloudPubSubDeadLetterSourceSubscription/,
    );
    assert.equal(server.messages.length, 3);
    assert.ok(
      server.messages.every((m) => m.leasedUntil <= Date.now()),
      "every lease released",
    );
  });

  it("publishes the original data, attributes and ordering key, and acknowledges only what was published", async () => {
    server.refuse = (m) => m.attributes["ce-id"] === "ce-2";
    const result = await redrive({
      source: pubSubSource(clients.subscriber, SUBSCRIPTION),
      sink: pubSubSink(clients.publisher, TOPIC),
      journal: memoryJournal(),
      limiter: rateLimiter(1000),
      progress: { update: () => undefined, end: () => undefined },
      filter: {},
      limit: 100,
      dryRun: false,
    });
    assert.deepEqual(
      result.redriven.map((r) => r.eventId),
      ["ce-1"],
    );
    assert.deepEqual(
      result.failed.map((f) => f.eventId),
      ["ce-2"],
    );
    assert.deepEqual(
      result.undecodable.map((f) => f.key),
      ["dl-3"],
    );
    assert.deepEqual(server.published, [
      {
        topic: TOPIC,
        data: Buffer.from(sample.data, "base64"),
        attributes: { ...sample.attributes, "ce-id": "ce-1" },
        orderingKey: "ord_7Q2M9X4KZP",
      },
    ]);
    assert.deepEqual(server.messages.map((m) => m.messageId).sort(), ["dl-2", "dl-3"]);
  });

  it("dry run publishes and acknowledges nothing", async () => {
    const result = await redrive({
      source: pubSubSource(clients.subscriber, SUBSCRIPTION),
      sink: pubSubSink(clients.publisher, TOPIC),
      journal: memoryJournal(),
      limiter: rateLimiter(1000),
      progress: { update: () => undefined, end: () => undefined },
      filter: { type: "com.example.order.placed.v1" },
      limit: 100,
      dryRun: true,
    });
    assert.equal(result.redriven.length, 2);
    assert.equal(server.published.length, 0);
    assert.equal(server.messages.length, 3);
  });
});
