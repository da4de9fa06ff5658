/**
 * The shared state store: the idempotency records of a consumer and its read-model documents, in
 * one place all instances of the consumer share (DynamoDB on AWS, Firestore on GCP, memory for one
 * local instance). Every key is namespaced by the consumer's name, so consumers sharing the
 * stack's table or database never see each other's records.
 *
 * Two ways to make an event's effect happen once:
 * - `applyOnce` for effects that are a change of one document in this store (a projection, an
 *   audit entry): the document and the fact that the event was applied are written in one
 *   conditional write (DynamoDB) or one transaction (Firestore), so a crash between them cannot
 *   apply an event twice or lose it.
 * - `claim` / `complete` / `release` (the `IdempotencyStore` contract) for effects outside the
 *   store (an HTTP backend that takes an idempotency key).
 */
import type { IdempotencyStore } from "../idempotency";

/** JSON-compatible document data, as the stores keep it. */
export type DocData = Readonly<Record<string, unknown>>;

/** Where a read-model document lives: a collection of the consumer and an id in it. */
export interface DocRef {
  readonly collection: string;
  readonly id: string;
}

/**
 * Decides the document's next content from its current one (`undefined`: it does not exist yet).
 * Return `undefined` to leave the document as it is (an older event than the one already applied).
 * It must be a pure function of its input: a store may call it again after a conflicting write.
 */
export type DocUpdate = (current: DocData | undefined) => DocData | undefined;

/** How `applyOnce` ended. */
export type ApplyResult =
  | { readonly outcome: "applied" }
  /** The update left the document as it was (an older or equal version); recorded as applied. */
  | { readonly outcome: "unchanged" }
  /** The event was applied before; `digest` is the content digest recorded then, if known. */
  | { readonly outcome: "duplicate"; readonly digest: string | undefined };

/** One event's change of one document, applied at most once per event key. */
export interface ApplyRequest {
  /** The event identity (`eventKey`). */
  readonly key: string;
  /** The content digest of the event, kept for comparing later duplicates. */
  readonly digest: string;
  readonly doc: DocRef;
  readonly update: DocUpdate;
}

/** The store a consumer gets from the platform. */
export interface StateStore extends IdempotencyStore {
  applyOnce(request: ApplyRequest): Promise<ApplyResult>;
  /** The document's current data, if it exists (read models, tests, tools). */
  read(doc: DocRef): Promise<DocData | undefined>;
}

/**
 * How many of the last applied event keys a document keeps next to its data. A redelivery whose
 * key is among them is a duplicate even when its idempotency record was never written (a crash
 * right after the document write) or has expired.
 */
export const RECENT_KEYS = 32;

/** Attempts of a read-modify-write that lost a race with another instance before giving up. */
export const MAX_WRITE_ATTEMPTS = 10;

/** The extra time an in-progress claim holds beyond the consumer's timeout. */
export const CLAIM_MARGIN_MS = 5000;

/** Collection names teams may use: lower-case words; `idempotency` is the store's own. */
const COLLECTION = /^[a-z][a-z0-9-]{0,29}$/;
/** Document ids: no `/`, `#` or whitespace, not Firestore's reserved `__…__`, `.` or `..`. */
const DOC_ID = /^[A-Za-z0-9_.:@+=-]{1,256}$/;

/** Throws a clear error for a document reference neither store could hold. */
export function checkDocRef(doc: DocRef): void {
  if (!COLLECTION.test(doc.collection) || doc.collection === "idempotency") {
    throw new RangeError(
      `collection must be 1-30 lower-case letters, digits or hyphens starting with a letter, and not "idempotency"; got ${JSON.stringify(doc.collection)}`,
    );
  }
  if (!DOC_ID.test(doc.id) || doc.id === "." || doc.id === ".." || /^__.*__$/.test(doc.id)) {
    throw new RangeError(
      `document id must be 1-256 letters, digits or _.:@+=- (not "." or "..", not __…__); got ${JSON.stringify(doc.id)}`,
    );
  }
}

/** The recent-keys list after applying `key`: oldest dropped beyond `RECENT_KEYS`. */
export function withRecentKey(recent: readonly string[], key: string): string[] {
  return [...recent, key].slice(-RECENT_KEYS);
}

/** Options every adapter takes. */
export interface StoreTiming {
  /** How long a completed idempotency record is kept, in milliseconds. */
  readonly doneTtlMs: number;
  /**
   * How long an in-progress claim holds: the consumer's timeout plus `CLAIM_MARGIN_MS`. No
   * delivery can still be working on the event after that, so a later one may take over.
   */
  readonly claimTtlMs: number;
  readonly now?: () => number;
}

/** A fresh claim token, so only the claiming delivery completes or releases its own claim. */
export function claimToken(): string {
  return crypto.randomUUID();
}
