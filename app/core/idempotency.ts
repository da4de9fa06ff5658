/**
 * Both clouds deliver at least once, so processing is keyed by event identity (CloudEvents:
 * `source` + `id` is unique). The store is an interface: the in-memory implementation suits one
 * instance; a fleet needs a shared one (Firestore, DynamoDB conditional writes, Redis SET NX).
 */

/** Result of trying to claim an event for processing. */
export type ClaimResult = "claimed" | "in-progress" | "done";

/** Dedupe store: claim before processing, then complete (success) or release (failure). */
export interface IdempotencyStore {
  claim(key: string): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
}

/** The dedupe key of an event. */
export function eventKey(event: { readonly source: string; readonly id: string }): string {
  return `${event.source}\u0000${event.id}`;
}

/** Options of the in-memory store. */
export interface InMemoryIdempotencyOptions {
  /** How long a completed event is remembered. Default 24 h. */
  readonly doneTtlMs?: number;
  /** How long a claim holds before another delivery may take over. Default 10 min. */
  readonly claimTtlMs?: number;
  /** Oldest entries are evicted beyond this. Default 100 000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  state: "in-progress" | "done";
  expiresAt: number;
}

/**
 * Per-instance store with TTLs and a size bound. A Map keeps insertion order, so eviction is FIFO:
 * one long-lived iterator walks from the oldest entry. (A fresh `keys().next()` per eviction would
 * step over every deleted slot still at the front of the table, which once the store is full costs
 * tens of microseconds per event.)
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  #oldest: Iterator<string> | undefined;
  readonly #doneTtlMs: number;
  readonly #claimTtlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: InMemoryIdempotencyOptions = {}) {
    this.#doneTtlMs = options.doneTtlMs ?? 24 * 60 * 60 * 1000;
    this.#claimTtlMs = options.claimTtlMs ?? 10 * 60 * 1000;
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  claim(key: string): Promise<ClaimResult> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return Promise.resolve(entry.state);
    this.#set(key, { state: "in-progress", expiresAt: now + this.#claimTtlMs });
    return Promise.resolve("claimed");
  }

  complete(key: string): Promise<void> {
    const expiresAt = this.#now() + this.#doneTtlMs;
    const entry = this.#entries.get(key);
    // Updated in place: the entry keeps its place in the eviction order and leaves no hole behind.
    if (entry === undefined) {
      this.#set(key, { state: "done", expiresAt });
    } else {
      entry.state = "done";
      entry.expiresAt = expiresAt;
    }
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.#entries.delete(key);
    return Promise.resolve();
  }

  /** Number of remembered events (claimed or done). */
  get size(): number {
    return this.#entries.size;
  }

  #set(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      // Map iterators are live: they skip deleted entries and reach entries added later.
      let oldest = (this.#oldest ??= this.#entries.keys()).next();
      if (oldest.done === true) {
        // The walk had reached the end; start again from the front.
        this.#oldest = this.#entries.keys();
        oldest = this.#oldest.next();
        if (oldest.done === true) break;
      }
      this.#entries.delete(oldest.value);
    }
  }
}
