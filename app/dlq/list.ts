/**
 * `list` and `show`: reads matching dead letters without changing the queue (every record is
 * released when the pass ends).
 */
import { matches, type RecordFilter } from "./filter";
import type { DeadLetter } from "./model";
import type { DeadLetterSource } from "./ports";
import { Scanner } from "./scanner";

/** What a listing found. */
export interface Listing {
  /** The source's own count of waiting records, when it keeps one. */
  readonly approximateCount: number | undefined;
  /** Records read in this pass. */
  readonly scanned: number;
  readonly records: DeadLetter[];
  /** More matching records may follow `limit`. */
  readonly truncated: boolean;
}

const RECEIVE_BATCH = 10;

/** Lists up to `limit` records that match `filter`. */
export async function listDeadLetters(
  source: DeadLetterSource,
  filter: RecordFilter,
  limit: number,
): Promise<Listing> {
  const approximateCount = await source.count();
  const scanner = new Scanner(source);
  const records: DeadLetter[] = [];
  let scanned = 0;
  let truncated = false;
  try {
    for (;;) {
      const batch = await scanner.next(RECEIVE_BATCH);
      if (batch === undefined) break;
      scanned += batch.length;
      for (const r of batch) {
        if (!matches(r.record, filter)) continue;
        if (records.length >= limit) truncated = true;
        else records.push(r.record);
      }
      if (truncated) break;
    }
  } finally {
    await scanner.releaseAll();
  }
  return { approximateCount, scanned, records, truncated };
}
