/**
 * `redrive`: puts dead-lettered events back where they came from. A record is removed only after
 * its event was re-published (per entry), and its key is journaled in between, so a crash loses
 * nothing and a re-run does not publish it again. Records that fail to publish, do not match or
 * cannot be decoded stay in the queue.
 */
import { matches, type RecordFilter } from "./filter";
import type { Journal } from "./journal";
import type { DeadLetter, Received } from "./model";
import type { DeadLetterSource, EventSink } from "./ports";
import type { Progress } from "./progress";
import type { RateLimiter } from "./rate-limit";
import { Scanner } from "./scanner";

/** One record that was not (fully) redriven, and why. */
export interface NotRedriven {
  readonly key: string;
  readonly eventId?: string | undefined;
  readonly reason: string;
}

/** What a redrive did (or, dry, would do). */
export interface RedriveResult {
  readonly dryRun: boolean;
  /** Records whose events were (dry: would be) re-published. */
  readonly redriven: DeadLetter[];
  /** Re-published in an earlier run (journal) and now removed without publishing again. */
  readonly completedFromJournal: string[];
  /** Publish failed: the record stays. */
  readonly failed: NotRedriven[];
  /** Re-published but the removal failed: the journal removes it on the next run. */
  readonly notRemoved: NotRedriven[];
  /** Cannot be decoded into an event: the record stays for `show`. */
  readonly undecodable: NotRedriven[];
}

/** Everything a redrive needs. */
export interface RedriveInput {
  readonly source: DeadLetterSource;
  readonly sink: EventSink;
  readonly journal: Journal;
  readonly limiter: RateLimiter;
  readonly progress: Progress;
  readonly filter: RecordFilter;
  /** Most records to redrive in this run. */
  readonly limit: number;
  readonly dryRun: boolean;
}

/** Runs a redrive. */
export async function redrive(input: RedriveInput): Promise<RedriveResult> {
  const { source, sink, journal, filter, dryRun } = input;
  const result: RedriveResult = {
    dryRun,
    redriven: [],
    completedFromJournal: [],
    failed: [],
    notRemoved: [],
    undecodable: [],
  };
  const scanner = new Scanner(source);
  try {
    while (result.redriven.length < input.limit) {
      const batch = await scanner.next(sink.batchSize);
      if (batch === undefined) break;
      const done: Received[] = [];
      const candidates: Received[] = [];
      for (const r of batch) {
        const { record } = r;
        if (journal.has(record.key)) done.push(r);
        else if (!matches(record, filter)) continue;
        else if (record.event === undefined) {
          result.undecodable.push(notRedriven(record, record.problem ?? "no event"));
        } else if (result.redriven.length + candidates.length < input.limit) candidates.push(r);
      }
      if (dryRun) {
        result.redriven.push(...candidates.map((r) => r.record));
        result.completedFromJournal.push(...done.map((r) => r.record.key));
      } else {
        const published = await publish(input, candidates, result);
        await removeAll(scanner, done, result);
        const removeFailures = await scanner.remove(published);
        for (const r of published) {
          const reason = removeFailures.get(r.record.key);
          if (reason !== undefined) result.notRemoved.push(notRedriven(r.record, reason));
        }
      }
      input.progress.update(result.redriven.length, result.failed.length);
    }
  } finally {
    input.progress.end();
    await scanner.releaseAll();
  }
  return result;
}

async function publish(
  input: RedriveInput,
  candidates: readonly Received[],
  result: RedriveResult,
): Promise<Received[]> {
  if (candidates.length === 0) return [];
  await input.limiter.take(candidates.length);
  const outcomes = await input.sink.publish(candidates);
  const ok: Received[] = [];
  for (const r of candidates) {
    const outcome = outcomes.get(r.record.key);
    if (outcome?.ok === true) ok.push(r);
    else {
      const reason = outcome === undefined ? "no publish result for this record" : outcome.reason;
      result.failed.push(notRedriven(r.record, reason));
    }
  }
  // Journaled before any removal: a crash from here on leaves records the next run only removes.
  input.journal.add(ok.map((r) => r.record.key));
  result.redriven.push(...ok.map((r) => r.record));
  return ok;
}

async function removeAll(
  scanner: Scanner,
  records: readonly Received[],
  result: RedriveResult,
): Promise<void> {
  const failures = await scanner.remove(records);
  for (const r of records) {
    const reason = failures.get(r.record.key);
    if (reason === undefined) result.completedFromJournal.push(r.record.key);
    else result.notRemoved.push(notRedriven(r.record, reason));
  }
}

function notRedriven(record: DeadLetter, reason: string): NotRedriven {
  return { key: record.key, eventId: record.eventId, reason };
}
