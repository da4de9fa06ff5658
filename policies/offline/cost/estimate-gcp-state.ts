/**
 * Prices the shared Firestore database: each delivery's reads and writes, the TTL deletes of its
 * idempotency record, storage and point-in-time recovery (see state-usage.ts for the counts).
 */
import type { RecordedResource } from "../mock-types";
import type { Assumptions } from "./assumptions";
import type { Collector } from "./collector";
import { NEVER_EXPIRES_MONTHS } from "./retention";
import {
  documentBytes,
  STATE_READS_PER_DELIVERY,
  STATE_RECORD_BYTES,
  STATE_RECORD_TTL_SECONDS,
  STATE_TTL_DELETES_PER_DELIVERY,
  STATE_WRITES_PER_DELIVERY,
} from "./state-usage";
import { count, GIB, SECONDS_PER_MONTH, str } from "./values";

/** Firestore's operations are priced per 100,000. */
const PER_OPERATIONS = 100_000;

/** Prices one Firestore database into `out`. */
export function estimateFirestore(
  database: RecordedResource,
  a: Assumptions,
  out: Collector,
): void {
  const type = str(database.inputs, "type") ?? "FIRESTORE_NATIVE";
  if (type !== "FIRESTORE_NATIVE") {
    out.notEstimated(
      database,
      `database type ${type} is not priced; the program deploys FIRESTORE_NATIVE`,
    );
    return;
  }
  const deliveries = a.eventsPerMonth * a.consumersPerEvent;
  const how = `${count(deliveries)} deliveries, each one transaction (app/core/state/firestore.ts applyOnce)`;
  const operations = [
    [
      "Firestore document reads",
      "firestore-reads",
      STATE_READS_PER_DELIVERY,
      "reading the idempotency record and the document",
    ],
    ["Firestore document writes", "firestore-writes", STATE_WRITES_PER_DELIVERY, "setting both"],
    [
      "Firestore TTL deletes",
      "firestore-deletes",
      STATE_TTL_DELETES_PER_DELIVERY,
      "the record's TTL delete on expiresAt",
    ],
  ] as const;
  for (const [item, priceId, perDelivery, what] of operations) {
    out.line({
      kind: "per-event",
      item,
      resources: [database.name],
      quantity: (deliveries * perDelivery) / PER_OPERATIONS,
      priceId,
      assumption: `${how}: ${perDelivery} per delivery, ${what}`,
    });
  }
  const gib =
    (deliveries *
      (documentBytes(a) * NEVER_EXPIRES_MONTHS +
        STATE_RECORD_BYTES * (STATE_RECORD_TTL_SECONDS / SECONDS_PER_MONTH))) /
    GIB;
  const kept = `a document of ${count(documentBytes(a))} bytes per delivery (an upper bound: orders share one per order) kept ${NEVER_EXPIRES_MONTHS} months, idempotency records for their ${STATE_RECORD_TTL_SECONDS / 3600} h TTL; index overhead not counted`;
  out.line({
    kind: "per-event",
    item: "Firestore storage",
    resources: [database.name],
    quantity: gib,
    priceId: "firestore-storage",
    assumption: kept,
  });
  if (str(database.inputs, "pointInTimeRecoveryEnablement") === "POINT_IN_TIME_RECOVERY_ENABLED") {
    out.line({
      kind: "per-event",
      item: "Firestore point-in-time recovery",
      resources: [database.name],
      quantity: gib,
      priceId: "firestore-pitr",
      assumption: `PITR data of the database's size: ${kept}`,
    });
  }
}
