/**
 * `purge`: deletes matching dead letters for good, after writing each one (decoded and raw) to a
 * local JSON-lines file and syncing it, so what was removed can still be read or re-published.
 */
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { isNarrowing, matches, type RecordFilter } from "./filter";
import type { Received } from "./model";
import type { DeadLetterSource } from "./ports";
import { Scanner } from "./scanner";

/** What a purge removed. */
export interface PurgeResult {
  readonly file: string;
  readonly removed: string[];
  /** Written to the file but not removed, with why: they are still in the queue. */
  readonly notRemoved: { key: string; reason: string }[];
}

const RECEIVE_BATCH = 10;

/** Purges up to `limit` records matching `filter` (which must narrow). */
export async function purge(
  source: DeadLetterSource,
  filter: RecordFilter,
  file: string,
  limit: number,
): Promise<PurgeResult> {
  if (!isNarrowing(filter)) {
    throw new Error("purge needs a filter (--type, --since, --until, --error or --id)");
  }
  // "wx": never overwrite an earlier purge's file.
  const fd = openSync(file, "wx");
  const result: PurgeResult = { file, removed: [], notRemoved: [] };
  const scanner = new Scanner(source);
  try {
    while (result.removed.length + result.notRemoved.length < limit) {
      const batch = await scanner.next(RECEIVE_BATCH);
      if (batch === undefined) break;
      const room = limit - result.removed.length - result.notRemoved.length;
      const chosen: Received[] = batch.filter((r) => matches(r.record, filter)).slice(0, room);
      if (chosen.length === 0) continue;
      writeSync(fd, chosen.map((r) => `${JSON.stringify(r.record)}\n`).join(""));
      fsyncSync(fd);
      const failed = await scanner.remove(chosen);
      for (const r of chosen) {
        const reason = failed.get(r.record.key);
        if (reason === undefined) result.removed.push(r.record.key);
        else result.notRemoved.push({ key: r.record.key, reason });
      }
    }
  } finally {
    closeSync(fd);
    await scanner.releaseAll();
  }
  return result;
}
