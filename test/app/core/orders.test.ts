import assert from "node:assert/strict";
import type { CloudEvent } from "../../../app/core/cloudevent";
import { PoisonEventError } from "../../../app/core/errors";
import { ORDER_EVENT_TYPES, parseOrderEvent } from "../../../app/core/orders/schemas";
import { orderCancelled, orderPlaced } from "../support/fixtures";

const placed = (data: Record<string, unknown>): CloudEvent => {
  const e = orderPlaced("evt-1");
  return { ...e, data: { ...(e.data as object), ...data } };
};

describe("order event schemas", () => {
  it("narrows a valid placed event to its typed data", () => {
    const order = parseOrderEvent(orderPlaced("evt-1"));
    assert.equal(order?.type, "com.example.order.placed.v1");
    if (order?.type === "com.example.order.placed.v1") {
      assert.equal(order.data.total.amountMinor, 4300);
      assert.equal(order.data.items.length, 2);
    }
  });

  it("returns undefined for a type it does not know (acknowledged, not processed)", () => {
    assert.equal(
      parseOrderEvent({ ...orderPlaced(), type: "com.example.order.placed.v2" }),
      undefined,
    );
  });

  it("drops fields a producer added within the same version", () => {
    const order = parseOrderEvent(placed({ giftWrap: true }));
    assert.ok(order !== undefined && !("giftWrap" in order.data));
  });

  it("lists every type it handles", () => {
    assert.deepEqual(ORDER_EVENT_TYPES, [
      "com.example.order.placed.v1",
      "com.example.order.cancelled.v1",
      "com.example.order.shipped.v1",
    ]);
  });

  const poison: [string, CloudEvent, RegExp][] = [
    ["no data", { ...orderPlaced(), data: undefined }, /data: Invalid input: expected object/],
    [
      "a total that is not the sum of the items",
      placed({ total: { amountMinor: 4200, currency: "EUR" } }),
      /data\.total\.amountMinor: must equal the sum of quantity × unitPrice \(4300\) \(got 4200\)/,
    ],
    [
      "items priced in another currency",
      placed({ total: { amountMinor: 4300, currency: "USD" } }),
      /data\.items: every unitPrice must be in the total's currency USD \(got "EUR"\)/,
    ],
    [
      "a floating-point amount",
      placed({ total: { amountMinor: 43.5, currency: "EUR" } }),
      /data\.total\.amountMinor: must be an integer number of minor units \(got 43\.5\)/,
    ],
    [
      "an order id of the wrong shape",
      placed({ orderId: "12345" }),
      /data\.orderId: must look like ord_<8-32 letters or digits> \(got "12345"\)/,
    ],
    [
      "an empty item list",
      placed({ items: [], total: { amountMinor: 0, currency: "EUR" } }),
      /data\.items: must list at least one item/,
    ],
    [
      "an unknown cancellation reason",
      {
        ...orderCancelled(),
        data: { orderId: "ord_7Q2M9X4KZP", reason: "bored", cancelledAt: "2025-11-20T10:02:44Z" },
      },
      /data\.reason: .*\(got "bored"\)/,
    ],
  ];
  for (const [name, event, message] of poison) {
    it(`treats ${name} as poison, naming the field`, () => {
      assert.throws(
        () => parseOrderEvent(event),
        (err: Error) => err instanceof PoisonEventError && message.test(err.message),
      );
    });
  }
});
