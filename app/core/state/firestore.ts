/**
 * The state store in a Firestore (native mode) database through `@google-cloud/firestore`.
 * Documents, all under the consumer's namespace:
 *   consumers/<ns>/idempotency/e<key>    state, digest, token, leaseUntil (ms), expiresAt (TTL)
 *   consumers/<ns>/<collection>/<id>     data, recent (the last applied keys)
 *
 * Every decision is a transaction (reads, then writes, retried by the client on contention), so
 * `applyOnce` writes the read-model document and the idempotency record atomically.
 * Transactions: https://cloud.google.com/firestore/docs/manage-data/transactions
 * TTL deletes expired documents only eventually (typically within 24 h), so reads compare
 * `expiresAt` with the clock themselves: https://cloud.google.com/firestore/docs/ttl
 */
import {
  Firestore,
  Timestamp,
  type DocumentReference,
  type Transaction,
} from "@google-cloud/firestore";
import * as z from "zod";
import { EventInProgressError, RetryableError, errorMessage } from "../errors";
import type { ClaimResult } from "../idempotency";
import {
  MAX_WRITE_ATTEMPTS,
  checkDocRef,
  claimToken,
  withRecentKey,
  type ApplyRequest,
  type ApplyResult,
  type DocData,
  type DocRef,
  type StateStore,
  type StoreTiming,
} from "./store";

/** Options of the Firestore store. */
export interface FirestoreStateOptions extends StoreTiming {
  readonly projectId: string;
  readonly databaseId: string;
  /** Key prefix: the consumer's name. */
  readonly namespace: string;
}

const recordDoc = z.object({
  state: z.enum(["in-progress", "done"]),
  digest: z.string().optional(),
  token: z.string().optional(),
  leaseUntil: z.number().optional(),
  expiresAt: z.instanceof(Timestamp),
});

const envelopeDoc = z.object({
  data: z.record(z.string(), z.unknown()),
  recent: z.array(z.string()),
});

type RecordDoc = z.infer<typeof recordDoc>;

/** A state store in a Firestore database. */
export class FirestoreStateStore implements StateStore {
  readonly #db: Firestore;
  readonly #ns: string;
  readonly #timing: StoreTiming;
  readonly #now: () => number;
  readonly #tokens = new Map<string, string>();

  constructor(options: FirestoreStateOptions) {
    // FIRESTORE_EMULATOR_HOST, when set, points the client at an emulator (the client's own switch).
    this.#db = new Firestore({ projectId: options.projectId, databaseId: options.databaseId });
    this.#ns = options.namespace;
    this.#timing = options;
    this.#now = options.now ?? Date.now;
  }

  async claim(key: string, digest?: string): Promise<ClaimResult> {
    const ref = this.#recordRef(key);
    const token = claimToken();
    const result = await this.#run(async (tx) => {
      const now = this.#now();
      const record = live(parseRecord((await tx.get(ref)).data()), now);
      if (record !== undefined) return record.state;
      tx.set(ref, {
        state: "in-progress",
        token,
        leaseUntil: now + this.#timing.claimTtlMs,
        expiresAt: Timestamp.fromMillis(now + this.#timing.doneTtlMs),
        ...(digest === undefined ? {} : { digest }),
      });
      return "claimed" as const;
    });
    if (result === "claimed") this.#tokens.set(key, token);
    return result;
  }

  async complete(key: string): Promise<void> {
    this.#tokens.delete(key);
    const ref = this.#recordRef(key);
    // The effect happened, whoever holds the claim now: mark it done, keep the digest.
    await this.#run(async (tx) => {
      const record = parseRecord((await tx.get(ref)).data());
      tx.set(ref, {
        state: "done",
        expiresAt: Timestamp.fromMillis(this.#now() + this.#timing.doneTtlMs),
        ...(record?.digest === undefined ? {} : { digest: record.digest }),
      });
    });
  }

  async release(key: string): Promise<void> {
    const token = this.#tokens.get(key);
    this.#tokens.delete(key);
    if (token === undefined) return;
    const ref = this.#recordRef(key);
    await this.#run(async (tx) => {
      const record = parseRecord((await tx.get(ref)).data());
      // Another delivery took the claim over after this one's lease ran out: leave it.
      if (record?.state === "in-progress" && record.token === token) tx.delete(ref);
    });
  }

  async digestOf(key: string): Promise<string | undefined> {
    return this.#run(
      async (tx) => parseRecord((await tx.get(this.#recordRef(key))).data())?.digest,
    );
  }

  async applyOnce(request: ApplyRequest): Promise<ApplyResult> {
    checkDocRef(request.doc);
    const recordRef = this.#recordRef(request.key);
    const docRef = this.#docRef(request.doc);
    return this.#run(async (tx): Promise<ApplyResult> => {
      const [recordSnap, docSnap] = await tx.getAll(recordRef, docRef);
      const now = this.#now();
      const record = live(parseRecord(recordSnap?.data()), now);
      if (record?.state === "done") return { outcome: "duplicate", digest: record.digest };
      if (record?.state === "in-progress") {
        throw new EventInProgressError(`event ${request.key} is claimed by another delivery`);
      }
      const done = {
        state: "done",
        digest: request.digest,
        expiresAt: Timestamp.fromMillis(now + this.#timing.doneTtlMs),
      };
      const current = parseEnvelope(docSnap?.data());
      if (current?.recent.includes(request.key) === true) {
        tx.set(recordRef, done);
        return { outcome: "duplicate", digest: undefined };
      }
      const next = request.update(current?.data);
      tx.set(recordRef, done);
      if (next === undefined) return { outcome: "unchanged" };
      tx.set(docRef, { data: next, recent: withRecentKey(current?.recent ?? [], request.key) });
      return { outcome: "applied" };
    });
  }

  async read(doc: DocRef): Promise<DocData | undefined> {
    checkDocRef(doc);
    const snap = await this.#guard(this.#docRef(doc).get());
    return parseEnvelope(snap.data())?.data;
  }

  /** Runs a transaction; failures other than the store's own verdicts are retryable. */
  #run<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#guard(this.#db.runTransaction<T>(fn, { maxAttempts: MAX_WRITE_ATTEMPTS }));
  }

  async #guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof EventInProgressError || err instanceof RangeError) throw err;
      throw new RetryableError(`state database: ${errorMessage(err)}`, { cause: err });
    }
  }

  #recordRef(key: string): DocumentReference {
    // The prefix keeps every id clear of Firestore's reserved `__…__` ids.
    return this.#db.doc(`consumers/${this.#ns}/idempotency/e${key}`);
  }

  #docRef(doc: DocRef): DocumentReference {
    return this.#db.doc(`consumers/${this.#ns}/${doc.collection}/${doc.id}`);
  }
}

function parseRecord(data: unknown): RecordDoc | undefined {
  return data === undefined ? undefined : recordDoc.parse(data);
}

function parseEnvelope(data: unknown): z.infer<typeof envelopeDoc> | undefined {
  return data === undefined ? undefined : envelopeDoc.parse(data);
}

/** The record if it still counts: not past its TTL, and an in-progress one within its lease. */
function live(record: RecordDoc | undefined, now: number): RecordDoc | undefined {
  if (record === undefined || record.expiresAt.toMillis() < now) return undefined;
  if (record.state === "in-progress" && (record.leaseUntil ?? 0) < now) return undefined;
  return record;
}
