/**
 * Trace context from W3C `traceparent` or Google's `X-Cloud-Trace-Context`, and the Cloud Logging
 * fields that attach a log line to its trace (`logging.googleapis.com/trace` = `projects/<p>/traces/<id>`).
 */

/** A parsed trace context. */
export interface TraceContext {
  /** 32 lower-case hex characters. */
  readonly traceId: string;
  /** 16 lower-case hex characters, when known. */
  readonly spanId?: string;
  readonly sampled?: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const CLOUD_TRACE = /^([0-9a-fA-F]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/** Parses a W3C `traceparent` header (version 00 layout); `undefined` when absent or malformed. */
export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const m = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (m === null) return undefined;
  const [, version, traceId, spanId, flags] = m;
  if (version === "ff" || traceId === undefined || traceId === ZERO_TRACE || spanId === ZERO_SPAN)
    return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags ?? "0", 16) & 1) === 1 };
}

/** Parses `X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1` (span id is decimal there). */
export function parseCloudTraceContext(value: string | undefined): TraceContext | undefined {
  const m = value === undefined ? null : CLOUD_TRACE.exec(value.trim());
  if (m === null) return undefined;
  const [, traceId, span, o] = m;
  if (traceId === undefined || traceId.toLowerCase() === ZERO_TRACE) return undefined;
  const spanHex = span === undefined ? undefined : BigInt(span).toString(16).padStart(16, "0");
  return {
    traceId: traceId.toLowerCase(),
    ...(spanHex === undefined || spanHex.length > 16 ? {} : { spanId: spanHex }),
    ...(o === undefined ? {} : { sampled: o === "1" }),
  };
}

/** `traceparent` first, then `X-Cloud-Trace-Context`. Header names must be lower-case. */
export function traceFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): TraceContext | undefined {
  return (
    parseTraceparent(single(headers.traceparent)) ??
    parseCloudTraceContext(single(headers["x-cloud-trace-context"]))
  );
}

/** Log fields for a trace: `trace_id` always, the Cloud Logging fields when the project is known. */
export function traceLogFields(
  trace: TraceContext | undefined,
  project: string | undefined,
): Record<string, unknown> {
  if (trace === undefined) return {};
  const fields: Record<string, unknown> = { trace_id: trace.traceId };
  if (project !== undefined) {
    fields["logging.googleapis.com/trace"] = `projects/${project}/traces/${trace.traceId}`;
    if (trace.spanId !== undefined) fields["logging.googleapis.com/spanId"] = trace.spanId;
    if (trace.sampled !== undefined) fields["logging.googleapis.com/trace_sampled"] = trace.sampled;
  }
  return fields;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
