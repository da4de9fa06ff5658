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

/** Orders facts by the event's time (as an instant, whatever its offset), then by key. */
function compare(a: Fact, b: Fact): number {
  return (
    Date.parse(a.at) - Date.parse(b.at) ||
    (a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0)
  );
}

/** The order document after `change`; `undefined` when the document already holds it or newer. */
export function applyToOrder(
  current: DocData | undefined,
  change: OrderChange,
): OrderDocument | undefined {
  const doc = current === undefined ? undefined : orderDocument.parse(current);
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
