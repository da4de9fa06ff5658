import assert from "node:assert/strict";
import { InMemoryIdempotencyStore, eventKey } from "../../../app/core/idempotency";

describe("in-memory idempotency store", () => {
  it("claims once, reports in-progress to a concurrent delivery and done after completion", async () => {
    const store = new InMemoryIdempotencyStore();
    assert.equal(await store.claim("k"), "claimed");
    assert.equal(await store.claim("k"), "in-progress");
    await store.complete("k");
    assert.equal(await store.claim("k"), "done");
  });

  it("lets a redelivery claim again after a failed attempt released the key", async () => {
    const store = new InMemoryIdempotencyStore();
    await store.claim("k");
    await store.release("k");
    assert.equal(await store.claim("k"), "claimed");
  });

  it("forgets completed events after their TTL and stale claims after theirs", async () => {
    let now = 0;
    const store = new InMemoryIdempotencyStore({
      doneTtlMs: 1000,
      claimTtlMs: 100,
      now: () => now,
    });
    await store.claim("done");
    await store.complete("done");
    await store.claim("stuck");
    now = 101;
    assert.equal(await store.claim("stuck"), "claimed");
    assert.equal(await store.claim("done"), "done");
    now = 1001;
    assert.equal(await store.claim("done"), "claimed");
  });

  it("evicts the oldest entries beyond its size bound", async () => {
    const store = new InMemoryIdempotencyStore({ maxEntries: 2 });
    for (const k of ["a", "b", "c"]) {
      await store.claim(k);
      await store.complete(k);
    }
    assert.equal(store.size, 2);
    assert.equal(await store.claim("a"), "claimed");
    assert.equal(await store.claim("c"), "done");
  });

  it("keys events by source and id (ids are only unique per source)", () => {
    assert.notEqual(eventKey({ source: "//a", id: "1" }), eventKey({ source: "//b", id: "1" }));
    assert.notEqual(eventKey({ source: "//a1", id: "" }), eventKey({ source: "//a", id: "1" }));
  });
});
