/**
 * The sample read model: one document per order in the shared state store (collection `orders`,
 * id the order id), keeping each status's latest change and, as the order's status, the change
 * that happened last (by the event's own time, then event key). Pub/Sub and EventBridge do not
 * order deliveries, so the update is a merge that gives the same document in any arrival order:
 * a late or repeated event never moves an order backwards.
 */
import * as z from "zod";
import type { OrderChange } from "../backend";
import type { ConsumerModule } from "../module";
import { orderDigest } from "../pipeline";
import { plainObject, recordOf, stringOf, withFastPath } from "../fast-path";
import type { DocData } from "../state/store";
import { toOrderChange } from "./apply";
import { parseOrderEvent, type OrderEvent } from "./schemas";

/** The collection of the order documents. */
export const ORDERS_COLLECTION = "orders";

const STATUSES = ["placed", "cancelled", "shipped"] as const;

const fact = z.object({
  at: z.string(),
  eventKey: z.string(),
  eventId: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** The stored order document. */
export const orderDocument = z.object({
  orderId: z.string(),
  status: z.enum(STATUSES),
  /** Time and identity of the change the status comes from: the document's version. */
  lastEventAt: z.string(),
  lastEventKey: z.string(),
  changes: z.partialRecord(z.enum(STATUSES), fact),
});

export type OrderDocument = z.infer<typeof orderDocument>;
type Fact = z.infer<typeof fact>;
type Status = (typeof STATUSES)[number];

const isStatus = (value: unknown): value is Status => STATUSES.some((s) => s === value);
const anyValue = (value: unknown): unknown => value;

function fastFact(input: unknown): Fact | undefined {
  const raw = plainObject(input);
  const at = stringOf(raw?.at);
  const eventKey = stringOf(raw?.eventKey);
  const eventId = stringOf(raw?.eventId);
  const detail = recordOf(raw?.detail, anyValue);
  return at === undefined || eventKey === undefined || eventId === undefined || detail === undefined
    ? undefined
    : { at, eventKey, eventId, detail };
}

/** `orderDocument`'s result for a well-formed stored document, or `undefined` (zod decides). */
function fastOrderDocument(input: unknown): OrderDocument | undefined {
  const raw = plainObject(input);
  if (raw === undefined || !isStatus(raw.status)) return undefined;
  const orderId = stringOf(raw.orderId);
  const lastEventAt = stringOf(raw.lastEventAt);
  const lastEventKey = stringOf(raw.lastEventKey);
  const changes = recordOf(raw.changes, fastFact);
  if (orderId === undefined || lastEventAt === undefined || lastEventKey === undefined) {
    return undefined;
  }
  if (changes === undefined || !Object.keys(changes).every(isStatus)) return undefined;
  return { orderId, status: raw.status, lastEventAt, lastEventKey, changes };
}

/** `orderDocument.safeParse` with the fast path in front (exported for the agreement tests). */
export const parseOrderDocument = withFastPath(orderDocument, fastOrderDocument);

/** Orders facts by the event's time (as an instant, whatever its offset), then by key. */
function compare(a: Fact, b: Fact): number {
  return (
    // The same text is the same instant: no parsing for the common tie.
    (a.at === b.at ? 0 : Date.parse(a.at) - Date.parse(b.at)) ||
    (a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0)
  );
}

/** The stored document, validated (a store's data is untrusted input too); throws like `parse`. */
function storedDocument(current: DocData): OrderDocument {
  const parsed = parseOrderDocument(current);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

/** The order document after `change`; `undefined` when the document already holds it or newer. */
export function applyToOrder(
  current: DocData | undefined,
  change: OrderChange,
): OrderDocument | undefined {
  const doc = current === undefined ? undefined : storedDocument(current);
  const incoming: Fact = {
    at: change.occurredAt,
    eventKey: change.eventKey,
    eventId: change.eventId,
    detail: { ...change.detail },
  };
  const known = doc?.changes[change.status];
  if (known !== undefined && compare(known, incoming) >= 0) return undefined;
  const changes = { ...doc?.changes, [change.status]: incoming };
  let status: OrderDocument["status"] = change.status;
  let last = incoming;
  for (const s of STATUSES) {
    const f = changes[s];
    if (f !== undefined && compare(f, last) > 0) {
      status = s;
      last = f;
    }
  }
  return {
    orderId: change.orderId,
    status,
    lastEventAt: last.at,
    lastEventKey: last.eventKey,
    changes,
  };
}

/** The sample order consumer keeping its read model in the shared store. */
export const orderProjectionModule: ConsumerModule<OrderEvent> = {
  parse: parseOrderEvent,
  digest: orderDigest,
  effect: (order) => {
    const change = toOrderChange(order);
    return {
      kind: "document",
      doc: { collection: ORDERS_COLLECTION, id: change.orderId },
      update: (current) => applyToOrder(current, change),
      fields: { order_id: change.orderId, order_status: change.status },
    };
  },
};
