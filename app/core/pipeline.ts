/**
 * The shared processing step: narrow the CloudEvent to a domain event, dedupe on its identity,
 * apply it, log one line with the outcome and timing, count it. Runtimes only translate the
 * result: the container into a status code, the Lambda into a return value or a throw.
 */
import { performance } from "node:perf_hooks";
import type { OrderBackend, OrderChange } from "./backend";
import type { CloudEvent } from "./cloudevent";
import { EventError, EventInProgressError, RetryableError, errorMessage } from "./errors";
import { contentDigest, eventKey, type IdempotencyStore } from "./idempotency";
import type { Logger } from "./logger";
import { round, type Metrics } from "./metrics";
import { applyOrderEvent } from "./orders/apply";
import { parseOrderEvent, type OrderEvent } from "./orders/schemas";

/** Collaborators of the processor, built once per instance. */
export interface ProcessorDeps {
  readonly store: IdempotencyStore;
  readonly backend: OrderBackend;
  readonly metrics: Metrics;
}

/** A successful (acknowledgeable) result. */
export interface ProcessResult {
  readonly outcome: "processed" | "duplicate" | "ignored";
  readonly eventId: string;
}

/** Processes one event; resolves only when it may be acknowledged, otherwise throws an `EventError`. */
export type EventProcessor = (event: CloudEvent, log: Logger) => Promise<ProcessResult>;

/** Builds the processor shared by the container and the Lambda handler. */
export function createEventProcessor(deps: ProcessorDeps): EventProcessor {
  return async (event, parentLog) => {
    const started = performance.now();
    const log = parentLog.child({
      event_id: event.id,
      event_type: event.type,
      event_source: event.source,
    });
    const elapsed = (): number => round(performance.now() - started);
    try {
      const order = parseOrderEvent(event);
      if (order === undefined) {
        const ms = elapsed();
        deps.metrics.record("ignored", ms);
        log.warn("unknown event type acknowledged without processing", {
          outcome: "ignored",
          processing_time_ms: ms,
        });
        return { outcome: "ignored", eventId: event.id };
      }
      const key = eventKey(event);
      const digest = orderDigest(order);
      const claim = await deps.store.claim(key, digest);
      if (claim === "done") {
        const original = await deps.store.digestOf(key);
        const ms = elapsed();
        deps.metrics.record("duplicate", ms);
        if (original !== undefined && original !== digest) {
          // Same identity, different content: a producer reusing ids, or someone replaying ids
          // to suppress real events. Still a duplicate (the first one was applied), but visible.
          log.warn("duplicate event with different content acknowledged", {
            outcome: "duplicate",
            original_digest: original,
            duplicate_digest: digest,
            processing_time_ms: ms,
          });
        } else {
          log.info("duplicate event acknowledged", {
            outcome: "duplicate",
            processing_time_ms: ms,
          });
        }
        return { outcome: "duplicate", eventId: event.id };
      }
      if (claim === "in-progress") {
        throw new EventInProgressError(
          `event ${event.id} from ${event.source} is being processed by another delivery`,
        );
      }
      let change: OrderChange;
      try {
        change = await applyOrderEvent(order, deps.backend);
      } catch (err) {
        await deps.store.release(key);
        throw err;
      }
      await deps.store.complete(key);
      const ms = elapsed();
      deps.metrics.record("processed", ms);
      log.info("event processed", {
        outcome: "processed",
        order_id: change.orderId,
        order_status: change.status,
        processing_time_ms: ms,
      });
      return { outcome: "processed", eventId: event.id };
    } catch (err) {
      const failure =
        err instanceof EventError
          ? err
          : new RetryableError(`unexpected failure: ${errorMessage(err)}`, { cause: err });
      const ms = elapsed();
      deps.metrics.record("failed", ms);
      const level = failure.kind === "in-progress" ? "warn" : "error";
      log[level]("event not acknowledged", {
        outcome: "failed",
        failure: failure.kind,
        error: failure,
        processing_time_ms: ms,
      });
      throw failure;
    }
  };
}

/**
 * Digest of what a delivery says happened: the event's type, subject and time and its data as the
 * schema parsed it (so key order or unknown fields in the producer's JSON do not count). Delivery
 * details (Pub/Sub message id, binary vs structured mode) are not part of it.
 */
function orderDigest(order: OrderEvent): string {
  const { type, subject, time } = order.event;
  return contentDigest(JSON.stringify({ type, subject, time, data: order.data }));
}
