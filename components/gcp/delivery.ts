/**
 * How Pub/Sub delivers events to a consumer: which events (filter), how long it waits for an
 * answer, how it backs off, and how long it keeps what it could not deliver.
 */

/** Fixed delivery settings; the per-consumer ones come from config. */
export const DELIVERY = {
  /** Exponential backoff between redeliveries (Pub/Sub's own bounds are 0-600 s). */
  minimumBackoff: "10s",
  maximumBackoff: "600s",
  /**
   * Undelivered events are kept 7 days. The longest retry schedule (100 attempts, 600 s apart at
   * most) ends after under 17 hours, so every event is dead-lettered before it could expire.
   */
  subscriptionRetention: "604800s",
  /** Dead letters are kept 7 days for inspection and replay. */
  deadLetterRetention: "604800s",
  /** Pub/Sub rejects longer subscription filters. */
  filterMaxBytes: 256,
  /** Pub/Sub's ack deadline bounds, in seconds. */
  ackDeadlineMin: 10,
  ackDeadlineMax: 600,
} as const;

/** The CloudEvents type attribute in the Pub/Sub binary binding. */
export const TYPE_ATTRIBUTE = "ce-type";

/**
 * A subscription filter that passes exactly the given CloudEvents types, e.g.
 * `attributes.ce-type = "a.b.v1" OR attributes.ce-type = "a.c.v1"`.
 */
export function eventTypeFilter(eventTypes: readonly string[]): string {
  if (eventTypes.length === 0) throw new Error("a consumer needs at least one event type");
  return eventTypes.map((t) => `attributes.${TYPE_ATTRIBUTE} = ${JSON.stringify(t)}`).join(" OR ");
}

/** The filter's size as Pub/Sub counts it. */
export function filterBytes(filter: string): number {
  return Buffer.byteLength(filter, "utf8");
}

/**
 * Pub/Sub waits this long for the push response before redelivering: the consumer's own timeout,
 * so an event still being processed is not delivered twice, within Pub/Sub's 10-600 s.
 */
export function ackDeadlineSeconds(timeoutSeconds: number): number {
  return Math.min(DELIVERY.ackDeadlineMax, Math.max(DELIVERY.ackDeadlineMin, timeoutSeconds));
}

/** A duration in days as the `"<seconds>s"` string GCP APIs take. */
export function daysDuration(days: number): string {
  return `${days * 86400}s`;
}
