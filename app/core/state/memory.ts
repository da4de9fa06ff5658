/**
 * The state store of one instance: idempotency records in `InMemoryIdempotencyStore`, documents in
 * a bounded map. For local runs and tests; a fleet of instances needs the shared stores
 * (dynamodb.ts, firestore.ts), since a redelivery may land on another instance.
 */
import { EventInProgressError } from "../errors";
import { InMemoryIdempotencyStore, type ClaimResult } from "../idempotency";
import {
  checkDocRef,
  withRecentKey,
  type ApplyRequest,
  type ApplyResult,
  type DocData,
  type DocRef,
  type StateStore,
  type StoreTiming,
} from "./store";

interface Envelope {
  readonly data: DocData;
  readonly recent: readonly string[];
}

/** Options of the in-memory state store. */
export interface MemoryStateOptions extends Partial<StoreTiming> {
  /** Oldest documents are dropped beyond this many. Default 10 000. */
  readonly maxDocs?: number;
}

/** Per-instance state store with the same semantics as the shared ones. */
export class MemoryStateStore implements StateStore {
  readonly #records: InMemoryIdempotencyStore;
  readonly #docs = new Map<string, Envelope>();
  readonly #maxDocs: number;

  constructor(options: MemoryStateOptions = {}) {
    this.#records = new InMemoryIdempotencyStore({
      ...(options.doneTtlMs === undefined ? {} : { doneTtlMs: options.doneTtlMs }),
      ...(options.claimTtlMs === undefined ? {} : { claimTtlMs: options.claimTtlMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    this.#maxDocs = options.maxDocs ?? 10_000;
    if (!Number.isInteger(this.#maxDocs) || this.#maxDocs < 1) {
      throw new RangeError(`maxDocs must be a positive integer, got ${this.#maxDocs}`);
    }
  }

  claim(key: string, digest?: string): Promise<ClaimResult> {
    return this.#records.claim(key, digest);
  }

  complete(key: string): Promise<void> {
    return this.#records.complete(key);
  }

  release(key: string): Promise<void> {
    return this.#records.release(key);
  }

  digestOf(key: string): Promise<string | undefined> {
    return this.#records.digestOf(key);
  }

  applyOnce(request: ApplyRequest): Promise<ApplyResult> {
    // Synchronous inside: no other delivery can interleave, so applications are one at a time,
    // as a shared store's transaction would order them, without a promise queue per event.
    try {
      checkDocRef(request.doc);
      return Promise.resolve(this.#applyNow(request));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  #applyNow(request: ApplyRequest): ApplyResult {
    const path = docPath(request.doc);
    const claim = this.#records.claimNow(request.key, request.digest);
    if (claim === "done") {
      return { outcome: "duplicate", digest: this.#records.digestNow(request.key) };
    }
    if (claim === "in-progress") {
      throw new EventInProgressError(`event ${request.key} is claimed by another delivery`);
    }
    const current = this.#docs.get(path);
    if (current?.recent.includes(request.key) === true) {
      // Applied before and its record has expired since: still never twice.
      this.#records.completeNow(request.key);
      return { outcome: "duplicate", digest: undefined };
    }
    let next: DocData | undefined;
    try {
      next = request.update(current?.data);
    } catch (err) {
      // As a shared store's aborted transaction: nothing applied, nothing claimed, so the
      // redelivery is applied at once instead of waiting out the claim's lease.
      this.#records.releaseNow(request.key);
      throw err;
    }
    if (next !== undefined) {
      this.#docs.delete(path);
      this.#docs.set(path, {
        data: next,
        recent: withRecentKey(current?.recent ?? [], request.key),
      });
      while (this.#docs.size > this.#maxDocs) {
        const oldest = this.#docs.keys().next();
        if (oldest.done === true) break;
        this.#docs.delete(oldest.value);
      }
    }
    this.#records.completeNow(request.key);
    return { outcome: next === undefined ? "unchanged" : "applied" };
  }

  async read(doc: DocRef): Promise<DocData | undefined> {
    checkDocRef(doc);
    return this.#docs.get(docPath(doc))?.data;
  }
}

function docPath(doc: DocRef): string {
  return `${doc.collection}/${doc.id}`;
}
