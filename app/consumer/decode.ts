/**
 * HTTP request → CloudEvent. `POST /` accepts a Pub/Sub push body (`application/json` with
 * `message` + `subscription`), a structured CloudEvent (`application/cloudevents+json`) or a
 * binary CloudEvent (`ce-*` headers; the body is the event's data in any media type, or empty for
 * an event without data: CloudEvents HTTP binding §3.1, cloudevents/spec
 * cloudevents/bindings/http-protocol-binding.md).
 */
import type { IncomingHttpHeaders } from "node:http";
import { decodeData, fromBinary, fromStructured, type CloudEvent } from "../core/cloudevent";
import { InvalidEventError } from "../core/errors";
import { fromPubSubPush, isPushBody } from "../core/pubsub-push";
import { isJson, parseMediaType } from "./media";

/** The decoded event and the delivery fields logged beside it. */
export interface DecodedRequest {
  readonly event: CloudEvent;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The body's media type is not one this endpoint reads (HTTP 415). */
export class UnsupportedMediaError extends Error {
  override readonly name = "UnsupportedMediaError";
}

const ACCEPTED =
  "send application/json (Pub/Sub push), application/cloudevents+json, or a binary CloudEvent (ce-* headers, data in any media type)";

/**
 * Decodes a raw request body (`undefined` or empty when there is none); throws
 * `InvalidEventError` naming what is wrong, or `UnsupportedMediaError`.
 */
export function decodeRequest(
  headers: IncomingHttpHeaders,
  body: Buffer | undefined,
): DecodedRequest {
  const media = parseMediaType(headers["content-type"]);
  const bytes = body === undefined || body.length === 0 ? undefined : body;
  if (media?.essence.startsWith("application/cloudevents") === true) {
    if (media.essence !== "application/cloudevents+json") {
      throw new UnsupportedMediaError(
        `event format ${media.essence} is not supported; ${ACCEPTED}`,
      );
    }
    return {
      event: fromStructured(parseJson(bytes, "CloudEvent"), "CloudEvent"),
      fields: { delivery: "http-structured" },
    };
  }
  if (headers["ce-specversion"] !== undefined) {
    const data =
      bytes === undefined ? undefined : decodeData(bytes, headers["content-type"], "request body");
    return {
      event: fromBinary(ceHeaders(headers), data, "headers"),
      fields: { delivery: "http-binary" },
    };
  }
  if (media !== undefined && !isJson(media)) {
    throw new UnsupportedMediaError(`content type ${media.essence} is not accepted; ${ACCEPTED}`);
  }
  const json = parseJson(bytes, "request body");
  if (isPushBody(json)) {
    const { event, delivery } = fromPubSubPush(json);
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

/**
 * `JSON.parse` is prototype-safe by itself: it defines every member, `__proto__` included, as an
 * own data property (ECMA-262 §25.5.1.1 InternalizeJSONProperty uses CreateDataProperty), so a
 * `__proto__` key in event data stays data. Code that copies keys out of parsed JSON gives a
 * `__proto__` key a null-prototype copy and never reads inherited members (see `fromStructured`,
 * `fromBinary`, app/core/own-record.ts).
 */
function parseJson(bytes: Buffer | undefined, where: string): unknown {
  if (bytes === undefined) {
    throw new InvalidEventError(`${where}: is empty; expected a Pub/Sub push body or a CloudEvent`);
  }
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch {
    throw new InvalidEventError(`${where}: is not valid JSON`);
  }
}

function ceHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string" && (name.startsWith("ce-") || name === "content-type"))
      out[name] = value;
  }
  return out;
}
