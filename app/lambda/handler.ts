/**
 * The Lambda handler for EventBridge events (async invocation): parse, process, map. Any failure
 * is thrown, so Lambda retries and then hands the event to the on-failure destination / DLQ.
 * Nothing, not even garbage like `{}`, is ever returned as a silent success.
 */
import { performance } from "node:perf_hooks";
import type { CloudEvent } from "../core/cloudevent";
import { fromEventBridge, type EventBridgeDelivery } from "../core/eventbridge";
import type { Logger } from "../core/logger";
import { round, type Outcome } from "../core/metrics";
import type { EventProcessor, ProcessResult } from "../core/pipeline";
import { emfLine } from "./emf";

/** The part of the Lambda context object this handler reads. */
export interface LambdaContext {
  readonly awsRequestId: string;
}

/** Collaborators, built once per instance. */
export interface HandlerDeps {
  readonly process: EventProcessor;
  readonly logger: Logger;
  readonly consumerName: string;
  /** Receives each EMF metrics line. Default: stdout. */
  readonly writeMetrics?: (line: string) => void;
  /** The X-Ray trace header of the current invocation. Default: `_X_AMZN_TRACE_ID`. */
  readonly traceHeader?: () => string | undefined;
}

/** An async Lambda handler. */
export type EventBridgeHandler = (event: unknown, context: LambdaContext) => Promise<ProcessResult>;

/** Builds the handler around the shared processor. */
export function createHandler(deps: HandlerDeps): EventBridgeHandler {
  const writeMetrics =
    deps.writeMetrics ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const traceHeader = deps.traceHeader ?? (() => process.env._X_AMZN_TRACE_ID);
  const emit = (outcome: Outcome, started: number): void => {
    writeMetrics(
      JSON.stringify(
        emfLine(deps.consumerName, outcome, round(performance.now() - started), Date.now()),
      ),
    );
  };

  return async (input, context) => {
    const started = performance.now();
    const traceId = xrayRoot(traceHeader());
    const log = deps.logger.child({
      aws_request_id: context.awsRequestId,
      ...(traceId === undefined ? {} : { trace_id: traceId }),
    });
    let decoded: { event: CloudEvent; delivery: EventBridgeDelivery };
    try {
      decoded = fromEventBridge(input);
    } catch (err) {
      log.error("event rejected", {
        outcome: "failed",
        failure: "invalid",
        error: err,
        processing_time_ms: round(performance.now() - started),
      });
      emit("failed", started);
      throw err;
    }
    try {
      const result = await deps.process(
        decoded.event,
        log.child({
          eventbridge_id: decoded.delivery.eventBridgeId,
          account: decoded.delivery.account,
          region: decoded.delivery.region,
        }),
      );
      emit(result.outcome, started);
      return result;
    } catch (err) {
      emit("failed", started);
      throw err;
    }
  };
}

/** `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1` → the Root id. */
export function xrayRoot(header: string | undefined): string | undefined {
  return header === undefined ? undefined : /(?:^|;)Root=([0-9a-f-]+)/i.exec(header)?.[1];
}
