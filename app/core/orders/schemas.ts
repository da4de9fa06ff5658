/**
 * The sample domain: order events with versioned CloudEvents types. Each type has a schema and the
 * inferred type is what domain code receives. A breaking change gets a new type (`…v2`) rather
 * than a new shape under the old name; additive fields are tolerated (and dropped) by `z.object`.
 */
import * as z from "zod";
import type { CloudEvent } from "../cloudevent";
import { PoisonEventError } from "../errors";
import { intIn, matching, plainObject, stringOf, withFastPath } from "../fast-path";
import { describeIssues } from "../issues";
import { TIMESTAMP, timestamp } from "../timestamp";

export const ORDER_PLACED_V1 = "com.example.order.placed.v1";
export const ORDER_CANCELLED_V1 = "com.example.order.cancelled.v1";
export const ORDER_SHIPPED_V1 = "com.example.order.shipped.v1";

/** Every event type this consumer understands. */
export const ORDER_EVENT_TYPES = [ORDER_PLACED_V1, ORDER_CANCELLED_V1, ORDER_SHIPPED_V1] as const;

// Patterns and limits shared by the schemas and their fast paths (see ../fast-path.ts).
const ORDER_ID = /^ord_[A-Za-z0-9]{8,32}$/;
const CUSTOMER_ID = /^cus_[A-Za-z0-9]{8,32}$/;
const CURRENCY = /^[A-Z]{3}$/;
const TRACKING_NUMBER = /^[A-Za-z0-9-]{4,40}$/;
const SKU_MAX = 64;
const QUANTITY_MAX = 1000;
const ITEMS_MAX = 100;
const CARRIER_MAX = 64;
const REASONS = ["customer_request", "payment_failed", "out_of_stock", "fraud_suspected"] as const;

const orderId = z.string().regex(ORDER_ID, "must look like ord_<8-32 letters or digits>");

/** Money in minor units (cents) with an ISO 4217 code: no floating-point amounts. */
const money = z.object({
  amountMinor: z.int("must be an integer number of minor units").min(0),
  currency: z.string().regex(CURRENCY, "must be an ISO 4217 code such as EUR"),
});

const lineItem = z.object({
  sku: z.string().min(1).max(SKU_MAX),
  quantity: z.int().min(1).max(QUANTITY_MAX),
  unitPrice: money,
});

type Money = z.output<typeof money>;
type LineItem = z.output<typeof lineItem>;

/** The first item priced in another currency than the total, if any. */
function foreignItem(items: readonly LineItem[], total: Money): LineItem | undefined {
  return items.find((item) => item.unitPrice.currency !== total.currency);
}

/** The sum of quantity × unit price, in minor units. */
function itemsSum(items: readonly LineItem[]): number {
  return items.reduce((acc, item) => acc + item.quantity * item.unitPrice.amountMinor, 0);
}

export const orderPlacedV1 = z
  .object({
    orderId,
    customerId: z.string().regex(CUSTOMER_ID, "must look like cus_<8-32 letters or digits>"),
    items: z.array(lineItem).min(1, "must list at least one item").max(ITEMS_MAX),
    total: money,
    placedAt: timestamp,
  })
  .superRefine(({ items, total }, ctx) => {
    const foreign = foreignItem(items, total);
    if (foreign !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: `every unitPrice must be in the total's currency ${total.currency}`,
        input: foreign.unitPrice.currency,
      });
    }
    const sum = itemsSum(items);
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
  reason: z.enum(REASONS),
  cancelledAt: timestamp,
});

export const orderShippedV1 = z.object({
  orderId,
  carrier: z.string().min(1).max(CARRIER_MAX),
  trackingNumber: z.string().regex(TRACKING_NUMBER, "must be 4-40 letters, digits or hyphens"),
  shippedAt: timestamp,
});

export type OrderPlacedV1 = z.infer<typeof orderPlacedV1>;
export type OrderCancelledV1 = z.infer<typeof orderCancelledV1>;
export type OrderShippedV1 = z.infer<typeof orderShippedV1>;

function fastMoney(input: unknown): Money | undefined {
  const raw = plainObject(input);
  const amountMinor = intIn(raw?.amountMinor, 0, Number.MAX_SAFE_INTEGER);
  const currency = matching(raw?.currency, CURRENCY);
  return amountMinor === undefined || currency === undefined
    ? undefined
    : { amountMinor, currency };
}

function fastLineItem(input: unknown): LineItem | undefined {
  const raw = plainObject(input);
  const sku = stringOf(raw?.sku, 1, SKU_MAX);
  const quantity = intIn(raw?.quantity, 1, QUANTITY_MAX);
  const unitPrice = fastMoney(raw?.unitPrice);
  return sku === undefined || quantity === undefined || unitPrice === undefined
    ? undefined
    : { sku, quantity, unitPrice };
}

/** `orderPlacedV1`'s result for valid data, its refinements included, or `undefined`. */
function fastOrderPlaced(input: unknown): OrderPlacedV1 | undefined {
  const raw = plainObject(input);
  if (raw === undefined || !Array.isArray(raw.items)) return undefined;
  const rawItems: readonly unknown[] = raw.items;
  if (rawItems.length < 1 || rawItems.length > ITEMS_MAX) return undefined;
  const orderIdValue = matching(raw.orderId, ORDER_ID);
  const customerId = matching(raw.customerId, CUSTOMER_ID);
  const total = fastMoney(raw.total);
  const placedAt = matching(raw.placedAt, TIMESTAMP);
  if (orderIdValue === undefined || customerId === undefined) return undefined;
  if (total === undefined || placedAt === undefined) return undefined;
  const items: LineItem[] = [];
  for (const rawItem of rawItems) {
    const item = fastLineItem(rawItem);
    if (item === undefined) return undefined;
    items.push(item);
  }
  if (foreignItem(items, total) !== undefined || itemsSum(items) !== total.amountMinor) {
    return undefined;
  }
  return { orderId: orderIdValue, customerId, items, total, placedAt };
}

function fastOrderCancelled(input: unknown): OrderCancelledV1 | undefined {
  const raw = plainObject(input);
  const orderIdValue = matching(raw?.orderId, ORDER_ID);
  const reason = REASONS.find((r) => r === raw?.reason);
  const cancelledAt = matching(raw?.cancelledAt, TIMESTAMP);
  return orderIdValue === undefined || reason === undefined || cancelledAt === undefined
    ? undefined
    : { orderId: orderIdValue, reason, cancelledAt };
}

function fastOrderShipped(input: unknown): OrderShippedV1 | undefined {
  const raw = plainObject(input);
  const orderIdValue = matching(raw?.orderId, ORDER_ID);
  const carrier = stringOf(raw?.carrier, 1, CARRIER_MAX);
  const trackingNumber = matching(raw?.trackingNumber, TRACKING_NUMBER);
  const shippedAt = matching(raw?.shippedAt, TIMESTAMP);
  return orderIdValue === undefined ||
    carrier === undefined ||
    trackingNumber === undefined ||
    shippedAt === undefined
    ? undefined
    : { orderId: orderIdValue, carrier, trackingNumber, shippedAt };
}

/** Each schema's `safeParse` with its fast path in front (exported for the agreement tests). */
export const parseOrderPlacedV1 = withFastPath(orderPlacedV1, fastOrderPlaced);
export const parseOrderCancelledV1 = withFastPath(orderCancelledV1, fastOrderCancelled);
export const parseOrderShippedV1 = withFastPath(orderShippedV1, fastOrderShipped);

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
      return { type: ORDER_PLACED_V1, data: parseData(parseOrderPlacedV1, event), event };
    case ORDER_CANCELLED_V1:
      return { type: ORDER_CANCELLED_V1, data: parseData(parseOrderCancelledV1, event), event };
    case ORDER_SHIPPED_V1:
      return { type: ORDER_SHIPPED_V1, data: parseData(parseOrderShippedV1, event), event };
    default:
      return undefined;
  }
}

function parseData<T>(parse: (input: unknown) => z.ZodSafeParseResult<T>, event: CloudEvent): T {
  const parsed = parse(event.data);
  if (!parsed.success) {
    throw new PoisonEventError(`${event.type} ${describeIssues(parsed.error, "data")}`);
  }
  return parsed.data;
}
