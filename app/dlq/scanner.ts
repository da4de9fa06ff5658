/**
 * Walks a dead-letter source once: records it received stay hidden (held) until the run ends, so
 * a run sees each record once, and every held record is released at the end.
 */
import type { Received } from "./model";
import type { DeadLetterSource } from "./ports";

/** One pass over a source. */
export class Scanner {
  private readonly held = new Map<string, Received>();
  private readonly seen = new Set<string>();

  constructor(private readonly source: DeadLetterSource) {}

  /**
   * The next records not seen before in this run, or undefined when the source is drained (or
   * only returns records already seen, whose hiding timed out).
   */
  async next(max: number): Promise<Received[] | undefined> {
    const batch = await this.source.receive(max);
    const fresh: Received[] = [];
    for (const r of batch) {
      const { key } = r.record;
      // The newest receipt is the one that deletes or releases the record.
      if (this.held.has(key) || !this.seen.has(key)) this.held.set(key, r);
      if (!this.seen.has(key)) {
        this.seen.add(key);
        fresh.push(r);
      }
    }
    return fresh.length > 0 ? fresh : undefined;
  }

  /** Removes records from the source; returns the keys that failed with why. */
  async remove(records: readonly Received[]): Promise<Map<string, string>> {
    if (records.length === 0) return new Map();
    const latest = records.map((r) => this.held.get(r.record.key) ?? r);
    const failed = await this.source.remove(latest);
    for (const r of latest) if (!failed.has(r.record.key)) this.held.delete(r.record.key);
    return failed;
  }

  /** Releases every record still held. */
  async releaseAll(): Promise<void> {
    const rest = [...this.held.values()];
    this.held.clear();
    if (rest.length > 0) await this.source.release(rest);
  }
}
