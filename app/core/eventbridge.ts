/**
 * EventBridge ⇄ CloudEvent. EventBridge assigns its own event `id`, so the CloudEvent travels as:
 * `source` ← ce `source`, `detail-type` ← ce `type`, and `detail` = the CloudEvents JSON form of
 * the event without `source`/`type` (so `detail.id` is the ce id and `detail.data` the data).
 */
import * as z from "zod";
import { fromStructured, type CloudEvent } from "./cloudevent";
import { InvalidEventError } from "./errors";
import { describeIssues, preview } from "./issues";

/** An event as EventBridge delivers it to a Lambda target. */
const eventBridgeSchema = z.object({
  version: z.literal("0", { error: 'must be "0"' }),
  id: z.string().min(1, "must be a non-empty string"),
  "detail-type": z.string().min(1, "must be a non-empty string"),
  source: z.string().min(1, "must be a non-empty string"),
  account: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
  time: z.iso.datetime({ offset: true, error: "must be an RFC 3339 timestamp" }),
  region: z.string().min(1, "must be an AWS region"),
  resources: z.array(z.string()),
  detail: z.record(z.string(), z.unknown(), { error: "must be a JSON object" }),
});

/** EventBridge metadata, logged beside the event. */
export interface EventBridgeDelivery {
  /** EventBridge's own id (not the CloudEvent id). */
  readonly eventBridgeId: string;
  readonly account: string;
  readonly region: string;
}

/** Maps a delivered EventBridge event to its CloudEvent; throws `InvalidEventError` naming the field. */
export function fromEventBridge(input: unknown): {
  event: CloudEvent;
  delivery: EventBridgeDelivery;
} {
  const parsed = eventBridgeSchema.safeParse(input, { reportInput: true });
  if (!parsed.success)
    throw new InvalidEventError(describeIssues(parsed.error, "EventBridge event"));
  const e = parsed.data;
  for (const [key, outer] of [
    ["source", e.source],
    ["type", e["detail-type"]],
  ] as const) {
    const inner = e.detail[key];
    if (inner !== undefined && inner !== outer) {
      throw new InvalidEventError(
        `EventBridge event.detail.${key}: ${preview(inner)} contradicts the event's ${key === "type" ? "detail-type" : "source"} ${preview(outer)}`,
      );
    }
  }
  const event = fromStructured(
    { ...e.detail, source: e.source, type: e["detail-type"], time: e.detail.time ?? e.time },
    "EventBridge event.detail",
  );
  return { event, delivery: { eventBridgeId: e.id, account: e.account, region: e.region } };
}

/** A PutEvents request entry (the shape `aws events put-events --entries` takes). */
export interface PutEventsEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly EventBusName: string;
  readonly Time?: string;
}

/** The PutEvents entry that publishes `event` on `eventBusName` in the mapping above. */
export function toPutEventsEntry(event: CloudEvent, eventBusName: string): PutEventsEntry {
  const detail: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key !== "source" && key !== "type" && value !== undefined) detail[key] = value;
  }
  return {
    Source: event.source,
    DetailType: event.type,
    Detail: JSON.stringify(detail),
    EventBusName: eventBusName,
    ...(event.time === undefined ? {} : { Time: event.time }),
  };
}
