/**
 * CloudWatch Embedded Metric Format: one JSON log line per invocation that CloudWatch turns into
 * metrics (namespace `eventstack`, dimension `consumer`) without any API call.
 */
import type { Outcome } from "../core/metrics";

/** The EMF document for one event's outcome and processing time. */
export function emfLine(
  consumer: string,
  outcome: Outcome,
  processingMs: number,
  timestamp: number,
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: "eventstack",
          Dimensions: [["consumer"]],
          Metrics: [
            { Name: outcome, Unit: "Count" },
            { Name: "processing_time", Unit: "Milliseconds" },
          ],
        },
      ],
    },
    consumer,
    [outcome]: 1,
    processing_time: processingMs,
  };
}
