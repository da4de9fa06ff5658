/**
 * Which dead letters a command acts on: by event type, time range, error and id.
 */
import type { DeadLetter } from "./model";

/** A filter; every given field must match. */
export interface RecordFilter {
  /** CloudEvents type, exactly. */
  readonly type?: string | undefined;
  /** Dead-lettered at or after (ms since the epoch). */
  readonly since?: number | undefined;
  /** Dead-lettered before (ms since the epoch). */
  readonly until?: number | undefined;
  /** Case-insensitive substring of the error code or message. */
  readonly error?: string | undefined;
  /** CloudEvents id or the dead-letter message's own id. */
  readonly id?: string | undefined;
}

/** Whether the filter narrows anything (purge refuses an empty one). */
export function isNarrowing(filter: RecordFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined);
}

/** Whether `record` passes `filter`. */
export function matches(record: DeadLetter, filter: RecordFilter): boolean {
  if (filter.type !== undefined && record.eventType !== filter.type) return false;
  if (filter.id !== undefined && record.eventId !== filter.id && record.key !== filter.id) {
    return false;
  }
  if (filter.error !== undefined) {
    const needle = filter.error.toLowerCase();
    const haystack = `${record.failure.code ?? ""} ${record.failure.message ?? ""}`.toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  if (filter.since !== undefined || filter.until !== undefined) {
    const at = record.deadLetteredAt === undefined ? NaN : Date.parse(record.deadLetteredAt);
    if (Number.isNaN(at)) return false;
    if (filter.since !== undefined && at < filter.since) return false;
    if (filter.until !== undefined && at >= filter.until) return false;
  }
  return true;
}
