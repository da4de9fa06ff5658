/**
 * The shared processing step: narrow the CloudEvent to a domain event, dedupe on its identity,
 * apply it, log one line with the outcome and timing, count it. Runtimes only translate the
 * result: the container into a status code, the Lambda into a return value or a throw.
 */
import { performance } from "node:perf_hooks";
import type { OrderBackend } from "./backend";
import type { CloudEvent } from "./cloudevent";
import { EventError, EventInProgressError, RetryableError, errorMessage } from "./errors";
import { contentDigest, eventKey, type IdempotencyStore } from "./idempotency";
import type { Logger } from "./logger";
import { round, type Metrics } from "./metrics";
import type { ConsumerModule } from "./module";
import { toOrderChange } from "./orders/apply";
import { parseOrderEvent, type OrderEvent } from "./orders/schemas";
import type { StateStore } from "./state/store";

/** Collaborators of the sample order processor with an external backend, built once per instance. */
export interface ProcessorDeps {
  readonly store: IdempotencyStore;
  readonly backend: OrderBackend;
  readonly metrics: Metrics;
}

/** Collaborators of a module's processor. */
export interface ModuleProcessorDeps {
  /** A `StateStore` when the module's effects are documents; claims suffice for calls. */
  readonly store: IdempotencyStore | StateStore;
  readonly metrics: Metrics;
}

/** A successful (acknowledgeable) result. */
export interface ProcessResult {
  readonly outcome: "processed" | "duplicate" | "ignored";
  readonly eventId: string;
}

/** Processes one event; resolves only when it may be acknowledged, otherwise throws an `EventError`. */
export type EventProcessor = (event: CloudEvent, log: Logger) => Promise<ProcessResult>;

/** The sample order consumer recording into `backend` (kept for the backend-only deployments). */
export function createEventProcessor(deps: ProcessorDeps): EventProcessor {
  return createModuleProcessor(orderBackendModule(deps.backend), deps);
}

/** Builds the processor the container and the Lambda handler run for `module`. */
export function createModuleProcessor<E>(
  module: ConsumerModule<E>,
  deps: ModuleProcessorDeps,
): EventProcessor {
  return async (event, parentLog) => {
    const started = performance.now();
    const log = parentLog.child({
      event_id: event.id,
      event_type: event.type,
      event_source: event.source,
    });
    const elapsed = (): number => round(performance.now() - started);
    const duplicate = (original: string | undefined, digest: string): ProcessResult => {
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
        log.info("duplicate event acknowledged", { outcome: "duplicate", processing_time_ms: ms });
      }
      return { outcome: "duplicate", eventId: event.id };
    };
    try {
      const parsed = module.parse(event);
      if (parsed === undefined) {
        const ms = elapsed();
        deps.metrics.record("ignored", ms);
        log.warn("unknown event type acknowledged without processing", {
          outcome: "ignored",
          processing_time_ms: ms,
        });
        return { outcome: "ignored", eventId: event.id };
      }
      const key = eventKey(event);
      const digest = module.digest(parsed);
      const effect = module.effect(parsed);
      let detail: Readonly<Record<string, unknown>> = {};
      if (effect.kind === "document") {
        if (!("applyOnce" in deps.store)) {
          throw new Error("a document effect needs a StateStore (STATE_STORE) as the store");
        }
        const applied = await deps.store.applyOnce({
          key,
          digest,
          doc: effect.doc,
          update: effect.update,
        });
        if (applied.outcome === "duplicate") return duplicate(applied.digest, digest);
        // An older version than the one already applied leaves the document as it is.
        detail = { document: applied.outcome };
      } else {
        const claim = await deps.store.claim(key, digest);
        if (claim === "done") return duplicate(await deps.store.digestOf(key), digest);
        if (claim === "in-progress") {
          throw new EventInProgressError(
            `event ${event.id} from ${event.source} is being processed by another delivery`,
          );
        }
        try {
          await effect.run();
        } catch (err) {
          await deps.store.release(key).catch(() => undefined);
          throw err;
        }
        try {
          await deps.store.complete(key);
        } catch (err) {
          // The effect happened: acknowledge it. The claim stays in progress until its lease (the
          // consumer's timeout) runs out; a redelivery after that repeats the idempotent call
          // instead of being refused, and one before it is redelivered again later.
          detail = { idempotency_record: "not completed", record_error: errorMessage(err) };
        }
      }
      const ms = elapsed();
      deps.metrics.record("processed", ms);
      log.info("event processed", {
        outcome: "processed",
        ...effect.fields,
        ...detail,
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

/** The sample order module recording each change into an external backend. */
export function orderBackendModule(backend: OrderBackend): ConsumerModule<OrderEvent> {
  return {
    parse: parseOrderEvent,
    digest: orderDigest,
    effect: (order) => {
      const change = toOrderChange(order);
      return {
        kind: "call",
        run: () => backend.record(change),
        fields: { order_id: change.orderId, order_status: change.status },
      };
    },
  };
}

/**
 * Digest of what a delivery says happened: the event's type, subject and time and its data as the
 * schema parsed it (so key order or unknown fields in the producer's JSON do not count). Delivery
 * details (Pub/Sub message id, binary vs structured mode) are not part of it.
 */
export function orderDigest(order: OrderEvent): string {
  const { type, subject, time } = order.event;
  return contentDigest(JSON.stringify({ type, subject, time, data: order.data }));
}
