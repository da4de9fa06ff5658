import assert from "node:assert/strict";
import {
  ackDeadlineSeconds,
  daysDuration,
  DELIVERY,
  eventTypeFilter,
  filterBytes,
} from "../../../components/gcp/delivery";

describe("gcp delivery", () => {
  describe("eventTypeFilter", () => {
    it("passes a single type on the ce-type attribute", () => {
      assert.equal(
        eventTypeFilter(["com.example.order.placed.v1"]),
        'attributes.ce-type = "com.example.order.placed.v1"',
      );
    });

    it("ORs several types", () => {
      assert.equal(
        eventTypeFilter(["com.example.order.placed.v1", "com.example.order.cancelled.v1"]),
        'attributes.ce-type = "com.example.order.placed.v1" OR attributes.ce-type = "com.example.order.cancelled.v1"',
      );
    });

    it("refuses an empty list, which would pass every event", () => {
      assert.throws(() => eventTypeFilter([]), /at least one event type/);
    });

    it("counts bytes, not characters", () => {
      assert.equal(filterBytes("é"), 2);
    });

    it("keeps the dev stack's three-type filter under Pub/Sub's 256 bytes", () => {
      const filter = eventTypeFilter([
        "com.example.order.placed.v1",
        "com.example.order.cancelled.v1",
        "com.example.order.shipped.v1",
      ]);
      assert.ok(filterBytes(filter) <= DELIVERY.filterMaxBytes, `${filterBytes(filter)} bytes`);
    });
  });

  describe("ackDeadlineSeconds follows the consumer timeout within 10-600 s", () => {
    const cases: [number, number][] = [
      [1, 10],
      [10, 10],
      [60, 60],
      [300, 300],
      [600, 600],
      [900, 600],
    ];
    for (const [timeout, deadline] of cases) {
      it(`timeout ${timeout} s → ack deadline ${deadline} s`, () => {
        assert.equal(ackDeadlineSeconds(timeout), deadline);
      });
    }
  });

  describe("daysDuration", () => {
    const cases: [number, string][] = [
      [1, "86400s"],
      [7, "604800s"],
      [31, "2678400s"],
    ];
    for (const [days, text] of cases) {
      it(`${days} days → ${text}`, () => assert.equal(daysDuration(days), text));
    }
  });

  it("keeps undelivered events longer than the longest retry schedule takes", () => {
    const maxAttempts = 100;
    const longestSchedule = maxAttempts * parseInt(DELIVERY.maximumBackoff, 10);
    assert.ok(longestSchedule < parseInt(DELIVERY.subscriptionRetention, 10));
    assert.equal(DELIVERY.minimumBackoff, "10s");
    assert.equal(DELIVERY.maximumBackoff, "600s");
    assert.equal(DELIVERY.deadLetterRetention, "604800s");
  });
});
