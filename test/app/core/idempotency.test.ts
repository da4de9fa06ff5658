import assert from "node:assert/strict";
import { InMemoryIdempotencyStore, eventKey } from "../../../app/core/idempotency";
import { identityKey } from "../support/fixtures";

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

  it("evicts in claim order while entries are completed, released and re-claimed", async () => {
    const store = new InMemoryIdempotencyStore({ maxEntries: 3 });
    for (const k of ["a", "b", "c"]) await store.claim(k);
    await store.complete("b");
    await store.release("a");
    await store.claim("a"); // now the newest
    await store.claim("d"); // evicts b, the oldest
    assert.equal(store.size, 3);
    assert.equal(await store.claim("c"), "in-progress");
    assert.equal(await store.claim("b"), "claimed"); // evicts c
    assert.equal(await store.claim("a"), "in-progress");
    assert.equal(await store.claim("d"), "in-progress");
    assert.equal(await store.claim("c"), "claimed");
  });

  // A fresh `keys().next()` per eviction steps over every deleted slot still at the front of the
  // table, which once the store is full cost tens of microseconds per event. The throughput of a
  // full store is the consumer bench's figure; here the walk itself is counted: one iterator for
  // the whole run, a new one only when a walk reaches the end.
  it("evicts with one walk of the map, not a new walk per event (no rescanning of deleted slots)", async () => {
    const store = new InMemoryIdempotencyStore({ maxEntries: 5_000 });
    const walks = { entries: 0, keys: 0, values: 0, iterator: 0 };
    const originals = {
      entries: Map.prototype.entries,
      keys: Map.prototype.keys,
      values: Map.prototype.values,
      iterator: Map.prototype[Symbol.iterator],
    };
    const counting = <A extends unknown[], R>(name: keyof typeof walks, fn: (...a: A) => R) =>
      function (this: unknown, ...args: A): R {
        walks[name] += 1;
        return fn.apply(this, args);
      };
    Map.prototype.entries = counting("entries", originals.entries);
    Map.prototype.keys = counting("keys", originals.keys);
    Map.prototype.values = counting("values", originals.values);
    Map.prototype[Symbol.iterator] = counting("iterator", originals.iterator);
    try {
      for (let n = 0; n < 12_000; n++) {
        const key = `//orders.example.com/checkout\u0000evt-${n}`;
        await store.claim(key);
        await store.complete(key);
      }
    } finally {
      Map.prototype.entries = originals.entries;
      Map.prototype.keys = originals.keys;
      Map.prototype.values = originals.values;
      Map.prototype[Symbol.iterator] = originals.iterator;
    }
    assert.equal(store.size, 5_000);
    // 7 000 evictions, one walk: it never reaches the end, as new entries join behind it.
    const total = walks.entries + walks.keys + walks.values + walks.iterator;
    assert.equal(total, 1, `walks started: ${JSON.stringify(walks)}`);
    assert.equal(await store.claim(`//orders.example.com/checkout\u0000evt-${11_999}`), "done");
    assert.equal(await store.claim(`//orders.example.com/checkout\u0000evt-${6_999}`), "claimed");
  });

  it("keys events by source and id (ids are only unique per source)", () => {
    assert.notEqual(eventKey({ source: "//a", id: "1" }), eventKey({ source: "//b", id: "1" }));
    assert.notEqual(eventKey({ source: "//a1", id: "" }), eventKey({ source: "//a", id: "1" }));
  });

  it("answers each event's own key when asked again and again in any order (the last key is kept)", () => {
    const events = [
      { source: "//orders", id: "1" },
      { source: "//orders", id: "1" }, // the same identity in another object
      { source: "//orders", id: "2" },
      { source: "//billing", id: "2" },
      { source: "", id: "" }, // nothing is answered from the empty cache
      { source: "//orders", id: "1" },
    ];
    for (const event of [...events, ...events.reverse()]) {
      assert.equal(eventKey(event), identityKey(event), JSON.stringify(event));
    }
  });

  it("keys are a fixed-size digest however long the id", () => {
    const short = eventKey({ source: "//a", id: "1" });
    const long = eventKey({ source: "//a", id: "x".repeat(250_000) });
    assert.equal(short.length, 43);
    assert.equal(long.length, 43);
  });

  it("evicts the oldest entries beyond its byte bound, whatever the keys cost", async () => {
    const store = new InMemoryIdempotencyStore({ maxBytes: 10_000 });
    for (let i = 0; i < 100; i++) {
      const key = `${i}:${"k".repeat(2000)}`;
      await store.claim(key);
      await store.complete(key);
    }
    assert.ok(store.bytes <= 10_000, `${store.bytes} bytes`);
    assert.equal(store.size, 2);
    assert.equal(await store.claim(`99:${"k".repeat(2000)}`), "done");
    assert.equal(await store.claim(`0:${"k".repeat(2000)}`), "claimed");
  });

  it("remembers the content digest a claim recorded, until the entry is released", async () => {
    const store = new InMemoryIdempotencyStore();
    await store.claim("k", "digest-1");
    await store.complete("k");
    assert.equal(await store.digestOf("k"), "digest-1");
    await store.release("k");
    assert.equal(await store.digestOf("k"), undefined);
    assert.equal(store.bytes, 0);
  });
});
