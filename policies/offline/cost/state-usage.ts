/**
 * What one delivery costs the shared state store, counted from the stores' code. Both sample
 * consumers (orders projection, audit log) have a document effect, so every delivery runs
 * `applyOnce` once (app/core/pipeline.ts):
 * - DynamoDB (app/core/state/dynamodb.ts): a strongly consistent GetItem of the idempotency
 *   record, one of the document, a conditional PutItem of the document and a PutItem marking the
 *   record done: 2 reads and 2 writes. TTL removes the record later at no charge.
 * - Firestore (app/core/state/firestore.ts): one transaction whose `getAll` reads the record and
 *   the document and which sets both: 2 document reads and 2 writes; the TTL policy on
 *   `expiresAt` deletes the record later, and TTL deletes are billed as deletes
 *   (https://cloud.google.com/firestore/pricing, "TTL deletes" are not in the free quota).
 * Contention (a retried optimistic write) and duplicates are not modelled: both add requests.
 */
import type { Assumptions } from "./assumptions";
import { KIB } from "./values";

/** Reads and writes of one delivery's `applyOnce`, on either store. */
export const STATE_READS_PER_DELIVERY = 2;
export const STATE_WRITES_PER_DELIVERY = 2;
/** The idempotency record a delivery leaves, deleted by TTL: one delete per delivery. */
export const STATE_TTL_DELETES_PER_DELIVERY = 1;
/**
 * Bytes of the documents' bookkeeping beyond the event's data: up to 32 recent event keys
 * (RECENT_KEYS in app/core/state/store.ts) of about 32 bytes each, and the record's fields.
 */
export const STATE_OVERHEAD_BYTES = KIB;
/** An idempotency record: key, state, digest, expiry (well under 1 KB). */
export const STATE_RECORD_BYTES = 256;
/** Completed records are kept this long by default (STATE_TTL_SECONDS, app/core/state/env.ts). */
export const STATE_RECORD_TTL_SECONDS = 86_400;

/** Bytes of the document a delivery writes: the event's data plus the bookkeeping, an upper bound. */
export function documentBytes(a: Assumptions): number {
  return a.payloadKb * KIB + STATE_OVERHEAD_BYTES;
}
