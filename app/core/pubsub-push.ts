/**
 * Pub/Sub push delivery (wrapped format) → CloudEvent, per the CloudEvents Pub/Sub protocol
 * binding: structured mode when the message's `content-type` attribute is a CloudEvents media
 * type, binary mode (`ce-*` attributes, data as-is) otherwise.
 */
import * as z from "zod";
import {
  decodeBase64,
  decodeData,
  fromBinary,
  fromStructured,
  type CloudEvent,
} from "./cloudevent";
import { InvalidEventError } from "./errors";
import {
  absent,
  intIn,
  matching,
  plainObject,
  recordOf,
  stringOf,
  withFastPath,
} from "./fast-path";
import { describeIssues, preview } from "./issues";
import { nullPrototypeCopy, ownValue } from "./own-record";
import { TIMESTAMP, timestamp } from "./timestamp";

const messageId = z.string().min(1, "must be a non-empty string");
const SUBSCRIPTION = /^projects\/[^/]+\/subscriptions\/[^/]+$/;

/**
 * The push request body. Pub/Sub sends both camelCase and snake_case copies of the id and publish
 * time; unknown fields are tolerated so a new Pub/Sub field never dead-letters traffic.
 */
const pushSchema = z.object({
  message: z.object(
    {
      data: z.string().optional(),
      attributes: z.record(z.string(), z.string()).optional(),
      messageId: messageId.optional(),
      message_id: messageId.optional(),
      publishTime: timestamp.optional(),
      publish_time: timestamp.optional(),
      orderingKey: z.string().optional(),
    },
    { error: "must be a Pub/Sub message object" },
  ),
  subscription: z
    .string({ error: "must be a subscription name" })
    .regex(SUBSCRIPTION, "must look like projects/<project>/subscriptions/<name>"),
  deliveryAttempt: z.int().min(1).optional(),
});

type PushBody = z.output<typeof pushSchema>;
type PushMessage = PushBody["message"];

/** Marks a member the fast path cannot judge (zod then decides). */
const DECLINE = Symbol("decline");

/**
 * The optional member `key` of `raw`, read by the caller as `value`, as `check` accepts it:
 * `undefined` when absent, `DECLINE` when present and not accepted (or `undefined` although `key`
 * is in `raw`, own or inherited, which JSON cannot make). The caller reads the member by name, so
 * each read site sees one property name (a `raw[key]` here would see all seven and go megamorphic).
 */
function optionalMember<T>(
  value: unknown,
  raw: Readonly<Record<string, unknown>>,
  key: string,
  check: (value: unknown) => T | undefined,
): T | undefined | typeof DECLINE {
  if (value === undefined) return absent(raw, key) ? undefined : DECLINE;
  const checked = check(value);
  return checked === undefined ? DECLINE : checked;
}

const anyString = (value: unknown): string | undefined => stringOf(value);
const nonEmptyString = (value: unknown): string | undefined => stringOf(value, 1);
const timestampString = (value: unknown): string | undefined => matching(value, TIMESTAMP);

/**
 * `pushSchema`'s result for an ordinary push body, or `undefined` (zod decides). Members are
 * copied in the schema's order, unknown ones dropped, as zod's object parse does. Pub/Sub sends
 * the publish time twice: the copy equal to the accepted one needs no second match.
 */
function fastPushBody(input: unknown): PushBody | undefined {
  const body = plainObject(input);
  const raw = plainObject(body?.message);
  if (body === undefined || raw === undefined) return undefined;
  const data = optionalMember(raw.data, raw, "data", anyString);
  const attributes = optionalMember(raw.attributes, raw, "attributes", fastAttributes);
  const messageId = optionalMember(raw.messageId, raw, "messageId", nonEmptyString);
  const messageIdSnake = optionalMember(raw.message_id, raw, "message_id", nonEmptyString);
  const publishTime = optionalMember(raw.publishTime, raw, "publishTime", timestampString);
  const publishTimeSnake = optionalMember(raw.publish_time, raw, "publish_time", (value) =>
    value === publishTime ? publishTime : timestampString(value),
  );
  const orderingKey = optionalMember(raw.orderingKey, raw, "orderingKey", anyString);
  if (
    data === DECLINE ||
    attributes === DECLINE ||
    messageId === DECLINE ||
    messageIdSnake === DECLINE ||
    publishTime === DECLINE ||
    publishTimeSnake === DECLINE ||
    orderingKey === DECLINE
  ) {
    return undefined;
  }
  const message: PushMessage = {};
  if (data !== undefined) message.data = data;
  if (attributes !== undefined) message.attributes = attributes;
  if (messageId !== undefined) message.messageId = messageId;
  if (messageIdSnake !== undefined) message.message_id = messageIdSnake;
  if (publishTime !== undefined) message.publishTime = publishTime;
  if (publishTimeSnake !== undefined) message.publish_time = publishTimeSnake;
  if (orderingKey !== undefined) message.orderingKey = orderingKey;
  const subscription = matching(body.subscription, SUBSCRIPTION);
  if (subscription === undefined) return undefined;
  const attempt = body.deliveryAttempt;
  if (attempt === undefined) {
    return absent(body, "deliveryAttempt") ? { message, subscription } : undefined;
  }
  const deliveryAttempt = intIn(attempt, 1, Number.MAX_SAFE_INTEGER);
  return deliveryAttempt === undefined ? undefined : { message, subscription, deliveryAttempt };
}

/** A copy of a string-to-string record (`z.record(z.string(), z.string())`), or `undefined`. */
function fastAttributes(value: unknown): Record<string, string> | undefined {
  return recordOf(value, (item) => (typeof item === "string" ? item : undefined));
}

/** `pushSchema.safeParse` with the fast path in front (exported for the agreement tests). */
export const parsePushBody = withFastPath(pushSchema, fastPushBody);

/** Pub/Sub delivery metadata, logged beside the event. */
export interface PushDelivery {
  readonly messageId: string;
  readonly publishTime: string | undefined;
  readonly subscription: string;
  /** Present only when the subscription has a dead-letter policy. */
  readonly deliveryAttempt: number | undefined;
  readonly mode: "binary" | "structured";
}

/** Whether a JSON body looks like a push delivery (has `message` and `subscription`). */
export function isPushBody(body: unknown): boolean {
  return typeof body === "object" && body !== null && "message" in body && "subscription" in body;
}

/** Maps a push request body to its CloudEvent; throws `InvalidEventError` naming the bad field. */
export function fromPubSubPush(body: unknown): { event: CloudEvent; delivery: PushDelivery } {
  const parsed = parsePushBody(body);
  if (!parsed.success) throw new InvalidEventError(describeIssues(parsed.error, "push body"));
  const { message, subscription, deliveryAttempt } = parsed.data;

  const id = message.messageId ?? message.message_id;
  if (id === undefined) throw new InvalidEventError("push body.message.messageId: is missing");
  if (
    message.message_id !== undefined &&
    message.messageId !== undefined &&
    message.message_id !== message.messageId
  ) {
    throw new InvalidEventError(
      `push body.message: messageId ${preview(message.messageId)} and message_id ${preview(message.message_id)} disagree`,
    );
  }

  const attributes = lowerCaseKeys(message.attributes ?? {});
  const bytes =
    message.data === undefined ? undefined : decodeBase64(message.data, "push body.message.data");
  // Own reads: the attributes are an ordinary object, which would inherit a polluted prototype's.
  const contentType = ownValue(attributes, "content-type");
  const structured = contentType?.toLowerCase().startsWith("application/cloudevents") ?? false;

  let event: CloudEvent;
  if (structured) {
    if (!contentType?.toLowerCase().startsWith("application/cloudevents+json")) {
      throw new InvalidEventError(
        `push body.message.attributes.content-type: event format ${preview(contentType)} is not supported; use application/cloudevents+json`,
      );
    }
    if (bytes === undefined)
      throw new InvalidEventError(
        "push body.message.data: structured mode needs the event in data",
      );
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new InvalidEventError("push body.message.data: is not valid JSON (structured mode)");
    }
    event = fromStructured(json, "push body.message.data");
  } else {
    const declared = ownValue(attributes, "ce-datacontenttype") ?? contentType;
    const data =
      bytes === undefined ? undefined : decodeData(bytes, declared, "push body.message.data");
    event = fromBinary(attributes, data, "push body.message.attributes");
  }

  return {
    event,
    delivery: {
      messageId: id,
      publishTime: message.publishTime ?? message.publish_time,
      subscription,
      deliveryAttempt,
      mode: structured ? "structured" : "binary",
    },
  };
}

/**
 * Pub/Sub attribute names are case-insensitive in the binding; two spellings of one name are
 * refused. `attributes` is the push body parser's own copy, so when it already has the result's
 * keys it is returned as it is (the common case: publishers write lower-case names).
 */
function lowerCaseKeys(attributes: Record<string, string>): Record<string, string> {
  if (inLowerCase(attributes)) return attributes;
  let out: Record<string, string> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined || !Object.hasOwn(attributes, key)) continue;
    const lower = key.toLowerCase();
    if (Object.hasOwn(out, lower)) {
      throw new InvalidEventError(
        `push body.message.attributes: ${preview(key)} is given twice with different case`,
      );
    }
    // An attribute named `__proto__` stays an attribute (and is refused by name): from then on
    // the copy has no prototype.
    if (lower === "__proto__") out = nullPrototypeCopy(out);
    out[lower] = value;
  }
  return out;
}

/** Whether every key for-in gives is own, lower-case, not `__proto__` and holds a value. */
function inLowerCase(attributes: Readonly<Record<string, string>>): boolean {
  for (const key in attributes) {
    if (
      !Object.hasOwn(attributes, key) ||
      attributes[key] === undefined ||
      key === "__proto__" ||
      key !== key.toLowerCase()
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The Pub/Sub message (publish form: base64 `data` + `attributes`) carrying `event` in binary
 * mode. Used to build samples and by publishers that want the exact attribute set.
 */
export function toPubSubMessage(event: CloudEvent): {
  data: string;
  attributes: Record<string, string>;
} {
  const attributes: Record<string, string> = {};
  let data: unknown;
  for (const [key, value] of Object.entries(event)) {
    if (key === "data") data = value;
    else if (key === "datacontenttype") attributes["content-type"] = String(value);
    else if (value !== undefined) attributes[`ce-${key}`] = String(value);
  }
  const bytes =
    data === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(typeof data === "string" ? data : JSON.stringify(data));
  return { data: bytes.toString("base64"), attributes };
}
