/**
 * Failure classes shared by both runtimes. Each maps to one acknowledgement decision: the
 * container turns `kind` into an HTTP status, the Lambda handler rethrows so the platform retries
 * and eventually dead-letters. Nothing here is ever acknowledged.
 */

/** Why an event was not acknowledged. */
export type FailureKind = "invalid" | "poison" | "in-progress" | "retryable";

/** Base class: an event (or its envelope) that must not be acknowledged. */
export abstract class EventError extends Error {
  abstract readonly kind: FailureKind;
}

/** The envelope or the CloudEvent attributes are malformed; the message names the field. */
export class InvalidEventError extends EventError {
  readonly kind = "invalid";
  override readonly name = "InvalidEventError";
}

/** A known event type whose data fails its schema: retrying cannot help, so it is dead-lettered. */
export class PoisonEventError extends EventError {
  readonly kind = "poison";
  override readonly name = "PoisonEventError";
}

/** Another delivery of the same event is being processed right now; redeliver later. */
export class EventInProgressError extends EventError {
  readonly kind = "in-progress";
  override readonly name = "EventInProgressError";
}

/** A dependency failed (backend, secret store); the same event may well succeed on retry. */
export class RetryableError extends EventError {
  readonly kind = "retryable";
  override readonly name = "RetryableError";
}

/** Short, single-line description of an error for log fields and responses. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
