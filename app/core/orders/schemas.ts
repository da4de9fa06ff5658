/**
 * The sample domain: order events with versioned CloudEvents types. Each type has a schema and the
 * inferred type is what domain code receives. A breaking change gets a new type (`…v2`) rather
 * than a new shape under the old name; additive fields are tolerated (and dropped) by `z.object`.
 */
import * as z from "zod";
import type { CloudEvent } from "../cloudevent";
import { PoisonEventError } from "../errors";
import { describeIssues } from "../issues";

export const ORDER_PLACED_V1 = "com.example.order.placed.v1";
export const ORDER_CANCELLED_V1 = "com.example.order.cancelled.v1";
export const ORDER_SHIPPED_V1 = "com.example.order.shipped.v1";

/** Every event type this consumer understands. */
export const ORDER_EVENT_TYPES = [ORDER_PLACED_V1, ORDER_CANCELLED_V1, ORDER_SHIPPED_V1] as const;

const orderId = z
  .string()
  .regex(/^ord_[A-Za-z0-9]{8,32}$/, "must look like ord_<8-32 letters or digits>");
const instant = z.iso.datetime({ offset: true, error: "must be an RFC 3339 timestamp" });

/** Money in minor units (cents) with an ISO 4217 code: no floating-point amounts. */
const money = z.object({
  amountMinor: z.int("must be an integer number of minor units").min(0),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
});

const lineItem = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.int().min(1).max(1000),
  unitPrice: money,
});

export const orderPlacedV1 = z
  .object({
    orderId,
    customerId: z
      .string()
      .regex(/^cus_[A-Za-z0-9]{8,32}$/, "must look like cus_<8-32 letters or digits>"),
    items: z.array(lineItem).min(1, "must list at least one item").max(100),
    total: money,
    placedAt: instant,
  })
  .superRefine(({ items, total }, ctx) => {
    const foreign = items.find((item) => item.unitPrice.currency !== total.currency);
    if (foreign !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: `every unitPrice must be in the total's currency ${total.currency}`,
        input: foreign.unitPrice.currency,
      });
    }
    const sum = items.reduce((acc, item) => acc + item.quantity * item.unitPrice.amountMinor, 0);
    if (sum !== total.amountMinor) {
      ctx.addIssue({
        code: "custom",
        path: ["total", "amountMinor"],
        message: `must equal the sum of quantity × unitPrice (${sum})`,
        input: total.amountMinor,
      });
    }
  });

export const orderCancelledV1 = z.object({
  orderId,
  reason: z.enum(["customer_request", "payment_failed", "out_of_stock", "fraud_suspected"]),
  cancelledAt: instant,
});

export const orderShippedV1 = z.object({
  orderId,
  carrier: z.string().min(1).max(64),
  trackingNumber: z
    .string()
    .regex(/^[A-Za-z0-9-]{4,40}$/, "must be 4-40 letters, digits or hyphens"),
  shippedAt: instant,
});

export type OrderPlacedV1 = z.infer<typeof orderPlacedV1>;
export type OrderCancelledV1 = z.infer<typeof orderCancelledV1>;
export type OrderShippedV1 = z.infer<typeof orderShippedV1>;

/** A CloudEvent whose type is known and whose data passed that type's schema. */
export type OrderEvent =
  | {
      readonly type: typeof ORDER_PLACED_V1;
      readonly data: OrderPlacedV1;
      readonly event: CloudEvent;
    }
  | {
      readonly type: typeof ORDER_CANCELLED_V1;
      readonly data: OrderCancelledV1;
      readonly event: CloudEvent;
    }
  | {
      readonly type: typeof ORDER_SHIPPED_V1;
      readonly data: OrderShippedV1;
      readonly event: CloudEvent;
    };

/**
 * Narrows a CloudEvent to an `OrderEvent`. Returns `undefined` for types this consumer does not
 * know (the caller logs and acknowledges them); throws `PoisonEventError` when a known type's
 * data is invalid.
 */
export function parseOrderEvent(event: CloudEvent): OrderEvent | undefined {
  switch (event.type) {
    case ORDER_PLACED_V1:
      return { type: ORDER_PLACED_V1, data: parseData(orderPlacedV1, event), event };
    case ORDER_CANCELLED_V1:
      return { type: ORDER_CANCELLED_V1, data: parseData(orderCancelledV1, event), event };
    case ORDER_SHIPPED_V1:
      return { type: ORDER_SHIPPED_V1, data: parseData(orderShippedV1, event), event };
    default:
      return undefined;
  }
}

function parseData<T>(schema: z.ZodType<T>, event: CloudEvent): T {
  const parsed = schema.safeParse(event.data, { reportInput: true });
  if (!parsed.success) {
    throw new PoisonEventError(`${event.type} ${describeIssues(parsed.error, "data")}`);
  }
  return parsed.data;
}
