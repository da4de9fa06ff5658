/**
 * The one domain function both runtimes call: turn a validated order event into the change the
 * backend records. Pure mapping plus one backend call, so it reads the same on both clouds.
 */
import type { OrderBackend, OrderChange } from "../backend";
import { eventKey } from "../idempotency";
import { ORDER_CANCELLED_V1, ORDER_PLACED_V1, ORDER_SHIPPED_V1, type OrderEvent } from "./schemas";

/** Records the order's new status; the event identity doubles as the backend's idempotency key. */
export async function applyOrderEvent(
  order: OrderEvent,
  backend: OrderBackend,
): Promise<OrderChange> {
  const change = toOrderChange(order);
  await backend.record(change);
  return change;
}

/** The change an order event describes. */
export function toOrderChange(order: OrderEvent): OrderChange {
  const base = {
    eventKey: eventKey(order.event),
    eventId: order.event.id,
    eventSource: order.event.source,
    orderId: order.data.orderId,
  };
  switch (order.type) {
    case ORDER_PLACED_V1:
      return {
        ...base,
        status: "placed",
        occurredAt: order.data.placedAt,
        detail: {
          customerId: order.data.customerId,
          itemCount: order.data.items.length,
          total: order.data.total,
        },
      };
    case ORDER_CANCELLED_V1:
      return {
        ...base,
        status: "cancelled",
        occurredAt: order.data.cancelledAt,
        detail: { reason: order.data.reason },
      };
    case ORDER_SHIPPED_V1:
      return {
        ...base,
        status: "shipped",
        occurredAt: order.data.shippedAt,
        detail: { carrier: order.data.carrier, trackingNumber: order.data.trackingNumber },
      };
  }
}
