import assert from "node:assert/strict";
import { InMemoryOrderBackend, type OrderChange } from "../../../app/core/backend";
import { eventKey } from "../../../app/core/idempotency";

const SOURCE = "//orders.example.com/checkout";
const change = (eventId: string, orderId: string, eventSource = SOURCE): OrderChange => ({
  eventKey: eventKey({ source: eventSource, id: eventId }),
  eventId,
  eventSource,
  orderId,
  status: "placed",
  occurredAt: "2025-11-20T09:15:01.482Z",
  detail: {},
});

describe("in-memory order backend", () => {
  it("records each event id once", async () => {
    const backend = new InMemoryOrderBackend();
    await backend.record(change("e1", "ord_A"));
    await backend.record(change("e1", "ord_A"));
    assert.equal(backend.size, 1);
    assert.deepEqual(
      backend.history("ord_A").map((c) => c.eventId),
      ["e1"],
    );
  });

  it("keeps only the most recent changes, so a long-lived instance does not grow without bound", async () => {
    const backend = new InMemoryOrderBackend(3);
    for (const [id, order] of [
      ["e1", "ord_A"],
      ["e2", "ord_B"],
      ["e3", "ord_A"],
      ["e4", "ord_A"],
      ["e5", "ord_C"],
    ] as const) {
      await backend.record(change(id, order));
    }
    assert.equal(backend.size, 3);
    assert.deepEqual(
      backend.history("ord_A").map((c) => c.eventId),
      ["e3", "e4"],
    );
    assert.deepEqual(backend.history("ord_B"), []);
    assert.deepEqual(
      backend.history("ord_C").map((c) => c.eventId),
      ["e5"],
    );
  });

  it("stays within its default bound under a long stream of events", async () => {
    const backend = new InMemoryOrderBackend();
    for (let i = 0; i < 25_000; i++) await backend.record(change(`e${i}`, `ord_${i % 7}`));
    assert.equal(backend.size, 10_000);
    const kept = Array.from({ length: 7 }, (_, o) => backend.history(`ord_${o}`).length);
    assert.equal(
      kept.reduce((a, b) => a + b, 0),
      10_000,
    );
  });
});
