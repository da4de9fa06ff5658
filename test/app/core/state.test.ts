/**
 * The state store's contract, run against every adapter on a real server: memory, DynamoDB
 * (the AWS SDK v3 client against dynalite) and Firestore (the official client against Google's
 * emulator). Each test uses its own namespace, so they share one server per adapter.
 */
import assert from "node:assert/strict";
import { DynamoStateStore } from "../../../app/core/state/dynamodb";
import { FirestoreStateStore } from "../../../app/core/state/firestore";
import { MemoryStateStore } from "../../../app/core/state/memory";
import {
  RECENT_KEYS,
  type DocData,
  type StateStore,
  type StoreTiming,
} from "../../../app/core/state/store";
import { startDynalite, type LocalDynamo } from "../support/dynalite";
import { startFirestoreEmulator, type LocalFirestore } from "../support/firestore-emulator";

type Factory = (namespace: string, timing: StoreTiming) => StateStore;

const counter = (current: DocData | undefined): DocData => ({ n: Number(current?.n ?? 0) + 1 });
const doc = { collection: "counters", id: "c1" };

function contract(
  name: string,
  setUp: () => Promise<{ factory: Factory; close(): Promise<void> }>,
) {
  describe(`state store: ${name}`, function () {
    this.timeout(60_000);
    let factory: Factory;
    let close: () => Promise<void>;
    let ns = 0;
    const open = (timing: Partial<StoreTiming> = {}): StateStore =>
      factory(`t${(ns += 1)}`, { doneTtlMs: 60_000, claimTtlMs: 30_000, ...timing });

    before(async () => {
      ({ factory, close } = await setUp());
    });
    after(() => close());

    it("applies one event to a document once, however often it is delivered", async () => {
      const store = open();
      const first = await store.applyOnce({ key: "k1", digest: "d1", doc, update: counter });
      const again = await store.applyOnce({ key: "k1", digest: "d1", doc, update: counter });
      assert.deepEqual(first, { outcome: "applied" });
      assert.deepEqual(again, { outcome: "duplicate", digest: "d1" });
      assert.deepEqual(await store.read(doc), { n: 1 });
    });

    it("leaves no claim behind when the update throws, so the redelivery is applied at once", async () => {
      const store = open();
      const invalid = (): DocData => {
        throw new Error("stored document is invalid");
      };
      await assert.rejects(
        store.applyOnce({ key: "k1", digest: "d1", doc, update: invalid }),
        /stored document is invalid/,
      );
      const redelivery = await store.applyOnce({ key: "k1", digest: "d1", doc, update: counter });
      assert.deepEqual(redelivery, { outcome: "applied" });
      assert.deepEqual(await store.read(doc), { n: 1 });
    });

    it("applies concurrent duplicates exactly once and concurrent distinct events each once", async () => {
      const store = open();
      const results = await Promise.all(
        ["a", "a", "a", "b", "b", "c"].map((key) =>
          store.applyOnce({ key, digest: key, doc, update: counter }),
        ),
      );
      assert.equal(results.filter((r) => r.outcome === "applied").length, 3);
      assert.deepEqual(await store.read(doc), { n: 3 });
    });

    it("finds an applied event in the document when its idempotency record is gone", async () => {
      let now = 1_000_000;
      const store = open({ doneTtlMs: 60_000, now: () => now });
      await store.applyOnce({ key: "k", digest: "d", doc, update: counter });
      now += 61_000; // the record has expired; the document still lists the key
      assert.equal(
        (await store.applyOnce({ key: "k", digest: "d", doc, update: counter })).outcome,
        "duplicate",
      );
      assert.deepEqual(await store.read(doc), { n: 1 });
    });

    it(`remembers the last ${RECENT_KEYS} keys in the document`, async () => {
      let now = 1_000_000;
      const store = open({ doneTtlMs: 60_000, now: () => now });
      for (let i = 0; i <= RECENT_KEYS; i += 1) {
        await store.applyOnce({ key: `k${i}`, digest: "d", doc, update: counter });
      }
      now += 61_000;
      const recent = await store.applyOnce({ key: "k1", digest: "d", doc, update: counter });
      const oldest = await store.applyOnce({ key: "k0", digest: "d", doc, update: counter });
      assert.equal(oldest.outcome, "applied");
      assert.equal(recent.outcome, "duplicate");
    });

    it("records an update that leaves the document unchanged as applied", async () => {
      const store = open();
      const result = await store.applyOnce({ key: "k", digest: "d", doc, update: () => undefined });
      assert.deepEqual(result, { outcome: "unchanged" });
      assert.equal(await store.read(doc), undefined);
      assert.equal(
        (await store.applyOnce({ key: "k", digest: "d", doc, update: counter })).outcome,
        "duplicate",
      );
    });

    it("claims once, reports in-progress to a concurrent delivery and done after completion", async () => {
      const store = open();
      const claims = await Promise.all([
        store.claim("k", "d"),
        store.claim("k", "d"),
        store.claim("k", "d"),
      ]);
      assert.deepEqual(claims.toSorted(), ["claimed", "in-progress", "in-progress"]);
      await store.complete("k");
      assert.equal(await store.claim("k"), "done");
      assert.equal(await store.digestOf("k"), "d");
    });

    it("lets a redelivery claim again after a release, and after the claim's lease ran out", async () => {
      let now = 1_000_000;
      const store = open({ claimTtlMs: 10_000, now: () => now });
      await store.claim("released");
      await store.release("released");
      assert.equal(await store.claim("released"), "claimed");
      await store.claim("stuck");
      now += 9_000;
      assert.equal(await store.claim("stuck"), "in-progress");
      now += 2_000;
      assert.equal(await store.claim("stuck"), "claimed");
    });

    it("keeps namespaces apart", async () => {
      const one = open();
      const two = open();
      await one.applyOnce({ key: "k", digest: "d", doc, update: counter });
      assert.equal(
        (await two.applyOnce({ key: "k", digest: "d", doc, update: counter })).outcome,
        "applied",
      );
    });

    it("refuses document references neither store could hold, naming the value", async () => {
      const store = open();
      await assert.rejects(
        store.applyOnce({
          key: "k",
          digest: "d",
          doc: { collection: "a/b", id: "x" },
          update: counter,
        }),
        /collection must be .*got "a\/b"/,
      );
      await assert.rejects(
        store.read({ collection: "orders", id: "__x__" }),
        /document id .*got "__x__"/,
      );
    });
  });
}

contract("memory", () =>
  Promise.resolve({
    factory: (_ns, timing) => new MemoryStateStore(timing),
    close: () => Promise.resolve(),
  }),
);

contract("DynamoDB (dynalite, AWS SDK v3)", async () => {
  const dynamo: LocalDynamo = await startDynalite();
  return {
    factory: (namespace, timing) =>
      new DynamoStateStore({ ...timing, namespace, table: dynamo.table, client: dynamo.client() }),
    close: () => dynamo.close(),
  };
});

contract("Firestore (Google's emulator, @google-cloud/firestore)", async () => {
  const emulator: LocalFirestore = await startFirestoreEmulator();
  return {
    factory: (namespace, timing) =>
      new FirestoreStateStore({
        ...timing,
        namespace,
        projectId: "demo-eventstack",
        databaseId: "(default)",
      }),
    close: () => emulator.close(),
  };
});
