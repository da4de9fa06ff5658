/**
 * Fixtures shaped like the clouds' real payloads, built from the samples in `app/samples/` but
 * without the app's own mapping code, so a bug there cannot hide in the fixtures.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SAMPLES_DIR = join(__dirname, "..", "..", "..", "app", "samples");

/** A plain structured CloudEvent (JSON event format). */
export type StructuredEvent = Record<string, unknown> & {
  specversion: string;
  id: string;
  source: string;
  type: string;
};

export function readSample(file: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, file), "utf8")) as unknown;
}

/** The sample order-placed CloudEvent, with a fresh id unless one is given. */
export function orderPlaced(id: string = randomUUID()): StructuredEvent {
  const sample = readSample("order-placed.cloudevent.json") as StructuredEvent;
  return { ...sample, id };
}

export function orderCancelled(id: string = randomUUID()): StructuredEvent {
  return {
    specversion: "1.0",
    id,
    source: "//orders.example.com/checkout",
    type: "com.example.order.cancelled.v1",
    time: "2025-11-20T10:02:44.120Z",
    datacontenttype: "application/json",
    data: {
      orderId: "ord_7Q2M9X4KZP",
      reason: "customer_request",
      cancelledAt: "2025-11-20T10:02:44.120Z",
    },
  };
}

/** Options of `pushBody`. */
export interface PushOptions {
  readonly mode?: "binary" | "structured";
  readonly messageId?: string;
  readonly deliveryAttempt?: number;
  readonly extraAttributes?: Record<string, string>;
}

/**
 * A Pub/Sub push request body (wrapped format) carrying `event`: binary mode puts context
 * attributes in `ce-*` attributes and the data in `message.data`; structured mode sets
 * `content-type: application/cloudevents+json` and puts the whole event in `message.data`.
 */
export function pushBody(
  event: StructuredEvent,
  options: PushOptions = {},
): Record<string, unknown> {
  const messageId =
    options.messageId ?? String(10_000_000_000_000_000 + Math.floor(Math.random() * 1e15));
  const publishTime = "2025-11-20T09:15:01.915Z";
  let attributes: Record<string, string>;
  let data: string;
  if (options.mode === "structured") {
    attributes = { "content-type": "application/cloudevents+json; charset=utf-8" };
    data = Buffer.from(JSON.stringify(event)).toString("base64");
  } else {
    attributes = {};
    for (const [key, value] of Object.entries(event)) {
      if (key === "data") continue;
      attributes[key === "datacontenttype" ? "content-type" : `ce-${key}`] = String(value);
    }
    data = Buffer.from(JSON.stringify(event.data)).toString("base64");
  }
  return {
    message: {
      attributes: { ...attributes, ...options.extraAttributes },
      data,
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
    },
    subscription: "projects/eventstack-dev/subscriptions/eventstack-dev-orders-push",
    ...(options.deliveryAttempt === undefined ? {} : { deliveryAttempt: options.deliveryAttempt }),
  };
}

/** An EventBridge event as delivered to a Lambda target, carrying `event` per the app's mapping. */
export function eventBridgeEvent(event: StructuredEvent): Record<string, unknown> {
  const { source, type, ...detail } = event;
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": type,
    source,
    account: "111122223333",
    time: "2025-11-20T09:15:02Z",
    region: "eu-west-1",
    resources: [],
    detail,
  };
}

/**
 * The identity the consumers send as `Idempotency-Key`: SHA-256 (base64url) of source, a NUL and
 * id. Computed here independently of the app's `eventKey`.
 */
export function identityKey(event: { source: string; id: string }): string {
  return createHash("sha256").update(`${event.source}\u0000${event.id}`).digest("base64url");
}
