/**
 * Both clouds deliver at least once, so processing is keyed by event identity (CloudEvents:
 * `source` + `id` is unique). The store is an interface: the in-memory implementation suits one
 * instance; a fleet needs a shared one (Firestore, DynamoDB conditional writes, Redis SET NX).
 */
import { hash } from "node:crypto";

/** Result of trying to claim an event for processing. */
export type ClaimResult = "claimed" | "in-progress" | "done";

/**
 * Dedupe store: claim before processing, then complete (success) or release (failure). A claim
 * records the digest of the event's content, so a later duplicate can be compared with it.
 */
export interface IdempotencyStore {
  claim(key: string, digest?: string): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
  /** The content digest recorded by the claim of `key`, if it is still remembered. */
  digestOf(key: string): Promise<string | undefined>;
}

/**
 * The identity of an event: a fixed-size digest (SHA-256, base64url, 43 characters) of `source`
 * and `id`, since ids are unique only per source. One value everywhere: the dedupe store, the
 * backend's idempotency key. Fixed size, so a long id costs the store no more than a short one.
 */
export function eventKey(event: { readonly source: string; readonly id: string }): string {
  // The pipeline and the module's effect both ask for the key of the event in hand: the last
  // answer is kept (for the same source and id, whatever object carries them).
  if (last !== undefined && event.source === last.source && event.id === last.id) return last.key;
  // One-shot `crypto.hash` of the joined string: the same bytes as three `update` calls, without
  // a Hash object per event (https://nodejs.org/api/crypto.html#cryptohashalgorithm-data-options).
  const key = hash("sha256", `${event.source}\u0000${event.id}`, "base64url");
  last = { source: event.source, id: event.id, key };
  return key;
}

let last: { readonly source: string; readonly id: string; readonly key: string } | undefined;

/** A digest (SHA-256, base64url) of an event's serialised content, for comparing duplicates. */
export function contentDigest(serialised: string): string {
  return hash("sha256", serialised, "base64url");
}

/** Options of the in-memory store. */
export interface InMemoryIdempotencyOptions {
  /** How long a completed event is remembered. Default 24 h. */
  readonly doneTtlMs?: number;
  /** How long a claim holds before another delivery may take over. Default 10 min. */
  readonly claimTtlMs?: number;
  /** Oldest entries are evicted beyond this many entries. Default 100 000. */
  readonly maxEntries?: number;
  /**
   * Oldest entries are evicted beyond this many bytes, counting each entry as its key and digest
   * (two bytes per UTF-16 unit) plus `ENTRY_OVERHEAD_BYTES`. Default 32 MiB.
   */
  readonly maxBytes?: number;
  readonly now?: () => number;
}

/** What one entry costs beyond its strings: the Map slot, the entry object, string headers. */
export const ENTRY_OVERHEAD_BYTES = 160;

interface Entry {
  state: "in-progress" | "done";
  expiresAt: number;
  readonly digest: string | undefined;
  readonly bytes: number;
}

/**
 * Per-instance store with TTLs and a size bound. A Map keeps insertion order, so eviction is FIFO:
 * one long-lived iterator walks from the oldest entry. (A fresh `keys().next()` per eviction would
 * step over every deleted slot still at the front of the table, which once the store is full costs
 * tens of microseconds per event.)
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  #oldest: Iterator<[string, Entry]> | undefined;
  readonly #doneTtlMs: number;
  readonly #claimTtlMs: number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(options: InMemoryIdempotencyOptions = {}) {
    this.#doneTtlMs = options.doneTtlMs ?? 24 * 60 * 60 * 1000;
    this.#claimTtlMs = options.claimTtlMs ?? 10 * 60 * 1000;
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  claim(key: string, digest?: string): Promise<ClaimResult> {
    return Promise.resolve(this.claimNow(key, digest));
  }

  digestOf(key: string): Promise<string | undefined> {
    return Promise.resolve(this.digestNow(key));
  }

  complete(key: string): Promise<void> {
    this.completeNow(key);
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.releaseNow(key);
    return Promise.resolve();
  }

  /** `claim`, answered at once (for callers in the same process that need no promise). */
  claimNow(key: string, digest?: string): ClaimResult {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return entry.state;
    this.#set(
      key,
      {
        state: "in-progress",
        expiresAt: now + this.#claimTtlMs,
        digest,
        bytes: entryBytes(key, digest),
      },
      entry,
    );
    return "claimed";
  }

  /** `release`, done at once. */
  releaseNow(key: string): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined) this.#drop(key, entry);
  }

  /** `digestOf`, answered at once. */
  digestNow(key: string): string | undefined {
    return this.#entries.get(key)?.digest;
  }

  /** `complete`, done at once. */
  completeNow(key: string): void {
    const expiresAt = this.#now() + this.#doneTtlMs;
    const entry = this.#entries.get(key);
    // Updated in place: the entry keeps its place in the eviction order and leaves no hole behind.
    if (entry === undefined) {
      this.#set(
        key,
        { state: "done", expiresAt, digest: undefined, bytes: entryBytes(key) },
        undefined,
      );
    } else {
      entry.state = "done";
      entry.expiresAt = expiresAt;
    }
  }

  /** Number of remembered events (claimed or done). */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes the remembered events are counted as (see `maxBytes`). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Forgets `key`, whose entry the caller has in hand. */
  #drop(key: string, entry: Entry): void {
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }

  /** Stores `entry` as the newest; `previous` is what the caller just read under `key`. */
  #set(key: string, entry: Entry, previous: Entry | undefined): void {
    // Each lookup in a table this size is a cache miss: the caller's read is reused.
    if (previous !== undefined) this.#drop(key, previous);
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      // Map iterators are live: they skip deleted entries and reach entries added later.
      let oldest = (this.#oldest ??= this.#entries.entries()).next();
      if (oldest.done === true) {
        // The walk had reached the end; start again from the front.
        this.#oldest = this.#entries.entries();
        oldest = this.#oldest.next();
        if (oldest.done === true) break;
      }
      this.#drop(...oldest.value);
    }
  }
}

function entryBytes(key: string, digest?: string): number {
  return ENTRY_OVERHEAD_BYTES + 2 * (key.length + (digest?.length ?? 0));
}
