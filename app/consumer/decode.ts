/**
 * HTTP request → CloudEvent. `POST /` accepts a Pub/Sub push body (`application/json` with
 * `message` + `subscription`), a structured CloudEvent (`application/cloudevents+json`) or a
 * binary CloudEvent (`ce-*` headers with a JSON body).
 */
import type { IncomingHttpHeaders } from "node:http";
import { fromBinary, fromStructured, type CloudEvent } from "../core/cloudevent";
import { InvalidEventError } from "../core/errors";
import { fromPubSubPush, isPushBody } from "../core/pubsub-push";

/** The decoded event and the delivery fields logged beside it. */
export interface DecodedRequest {
  readonly event: CloudEvent;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Decodes a parsed request body; throws `InvalidEventError` naming what is wrong. */
export function decodeRequest(headers: IncomingHttpHeaders, body: unknown): DecodedRequest {
  const contentType = headers["content-type"]?.toLowerCase() ?? "";
  if (body === undefined || body === null) {
    throw new InvalidEventError(
      "request body: is empty; expected a Pub/Sub push body or a CloudEvent",
    );
  }
  if (contentType.startsWith("application/cloudevents+json")) {
    return { event: fromStructured(body, "CloudEvent"), fields: { delivery: "http-structured" } };
  }
  if (headers["ce-specversion"] !== undefined) {
    return {
      event: fromBinary(ceHeaders(headers), body, "headers"),
      fields: { delivery: "http-binary" },
    };
  }
  if (isPushBody(body)) {
    const { event, delivery } = fromPubSubPush(body);
    return {
      event,
      fields: {
        delivery: `pubsub-push-${delivery.mode}`,
        message_id: delivery.messageId,
        subscription: delivery.subscription,
        ...(delivery.publishTime === undefined ? {} : { publish_time: delivery.publishTime }),
        ...(delivery.deliveryAttempt === undefined
          ? {}
          : { delivery_attempt: delivery.deliveryAttempt }),
      },
    };
  }
  throw new InvalidEventError(
    "request body: is neither a Pub/Sub push body (message, subscription) nor a CloudEvent (ce-specversion header or application/cloudevents+json)",
  );
}

function ceHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string" && (name.startsWith("ce-") || name === "content-type"))
      out[name] = value;
  }
  return out;
}
