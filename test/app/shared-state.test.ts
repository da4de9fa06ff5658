/**
 * Several instances of one consumer share its state store: the built container and Lambda
 * bundles, N processes each, receive the same events (duplicates and out of order), and every
 * event's effect happens once. DynamoDB is dynalite (real SDK client in the bundles), Firestore is
 * Google's emulator (the bundled official client). The Lambda runs both of its entries: `handler`
 * (EventBridge invoking it) and `queueHandler` (EventBridge → SQS → the event source mapping, with
 * partial batch responses).
 */
import assert from "node:assert/strict";
import { DynamoStateStore } from "../../app/core/state/dynamodb";
import { FirestoreStateStore } from "../../app/core/state/firestore";
import type { StateStore } from "../../app/core/state/store";
import { bundles } from "./support/bundles";
import { post } from "./support/consumer";
import { startDynalite, LOCAL_AWS_ENV, type LocalDynamo } from "./support/dynalite";
import { startFirestoreEmulator, type LocalFirestore } from "./support/firestore-emulator";
import {
  eventBridgeEvent,
  type StructuredEvent,
  identityKey,
  orderCancelled,
  orderPlaced,
  pushBody,
} from "./support/fixtures";
import { invokeBundle, type InvokeResult } from "./support/lambda";
import { run, type Child } from "./support/process";
import { enqueue, sqsBatch, sqsRecord } from "./support/sqs";

const INSTANCES = 3;
const timing = { doneTtlMs: 60_000, claimTtlMs: 65_000 };

describe("consumers sharing a state store across instances", function () {
  this.timeout(120_000);
  let dynamo: LocalDynamo;
  // Started by the first Firestore test: without the emulator those tests fail, naming the package
  // to install, and the others still run.
  let firestore: Promise<LocalFirestore> | undefined;
  const localFirestore = (): Promise<LocalFirestore> => (firestore ??= startFirestoreEmulator());
  const children: Child[] = [];

  before(async () => {
    await bundles();
    dynamo = await startDynalite();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.proc.exitCode === null) {
        child.proc.kill("SIGTERM");
        await child.exited;
      }
    }
  });
  after(async () => {
    await dynamo.close();
    await firestore?.then(
      (f) => f.close(),
      () => undefined,
    );
  });

  const dynamoEnv = (consumer: string): Record<string, string> => ({
    ...LOCAL_AWS_ENV,
    CONSUMER_NAME: consumer,
    STATE_STORE: "dynamodb",
    STATE_TABLE: dynamo.table,
    STATE_ENDPOINT: dynamo.endpoint.href,
  });
  const firestoreEnv = async (consumer: string): Promise<Record<string, string>> => ({
    CONSUMER_NAME: consumer,
    STATE_STORE: "firestore",
    FIRESTORE_DATABASE: "(default)",
    GOOGLE_CLOUD_PROJECT: "demo-eventstack",
    FIRESTORE_EMULATOR_HOST: (await localFirestore()).host,
  });

  async function startContainers(file: string, env: Record<string, string>): Promise<string[]> {
    const started = Array.from({ length: INSTANCES }, () =>
      run([file], { PORT: "0", AUTH_MODE: "none", ...env }),
    );
    children.push(...started);
    return Promise.all(
      started.map(
        async (c) =>
          `http://127.0.0.1:${Number((await c.waitForLine("consumer listening", 30_000)).port)}`,
      ),
    );
  }

  /** Every instance gets every event, cancelled before placed; each pushes them at the same time. */
  async function pushToAll(urls: string[], events: StructuredEvent[]): Promise<string[]> {
    const answers = await Promise.all(
      urls.flatMap((url) => events.map((event) => post(url, pushBody(event)))),
    );
    for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
    return answers.map((a) => String(a.body.status));
  }

  type Backing = "dynamodb" | "firestore";
  const envFor = async (backing: Backing, consumer: string): Promise<Record<string, string>> =>
    backing === "dynamodb" ? dynamoEnv(consumer) : firestoreEnv(consumer);
  /** The test's own view of the store the instances share, through the adapter in-process. */
  const storeFor = (backing: Backing, consumer: string): StateStore =>
    backing === "dynamodb"
      ? new DynamoStateStore({
          ...timing,
          table: dynamo.table,
          namespace: consumer,
          client: dynamo.client(),
        })
      : new FirestoreStateStore({
          ...timing,
          namespace: consumer,
          projectId: "demo-eventstack",
          databaseId: "(default)",
        });

  // On Firestore the bundled official client (google-gax, gRPC) runs from a folder with no
  // node_modules, as in the image.
  for (const backing of ["dynamodb", "firestore"] as const) {
    it(`the sample container on ${backing}: each order event applied once, never moved backwards`, async () => {
      const consumer = `orders-${backing.slice(0, 3)}`;
      const urls = await startContainers(
        (await bundles()).consumer.file,
        await envFor(backing, consumer),
      );
      const placed = orderPlaced();
      const cancelled = orderCancelled();
      const statuses = await pushToAll(urls, [cancelled, placed, cancelled]);
      assert.equal(statuses.filter((s) => s === "processed").length, 2);
      assert.equal(statuses.filter((s) => s === "duplicate").length, 3 * INSTANCES - 2);
      const store = storeFor(backing, consumer);
      const order = await store.read({ collection: "orders", id: "ord_7Q2M9X4KZP" });
      assert.equal(order?.status, "cancelled");
      assert.equal(order?.lastEventKey, identityKey(cancelled));
      assert.deepEqual(Object.keys(order?.changes ?? {}).sort(), ["cancelled", "placed"]);
    });

    it(`the audit container on ${backing}, a second consumer of the same events, writes its own entries once`, async () => {
      const consumer = `audit-${backing.slice(0, 3)}`;
      const urls = await startContainers(
        (await bundles())["audit-consumer"].file,
        await envFor(backing, consumer),
      );
      const events = [orderPlaced(), orderCancelled()];
      const statuses = await pushToAll(urls, events);
      assert.equal(statuses.filter((s) => s === "processed").length, events.length);
      assert.equal(
        statuses.filter((s) => s === "duplicate").length,
        events.length * (INSTANCES - 1),
      );
      const store = storeFor(backing, consumer);
      for (const event of events) {
        const entry = await store.read({
          collection: "audit",
          id: identityKey({ source: String(event.source), id: String(event.id) }),
        });
        assert.equal(entry?.eventId, event.id);
        assert.equal(entry?.type, event.type);
      }
    });
  }

  for (const target of ["lambda", "audit-lambda"] as const) {
    it(`the ${target} bundle: ${INSTANCES} instances invoked with the same events apply each once`, async () => {
      const file = (await bundles())[target].file;
      const consumer = target === "lambda" ? "orders-lambda" : "audit-lambda";
      const events = [orderCancelled(), orderPlaced()].map(eventBridgeEvent);
      const runs = await Promise.all(
        Array.from({ length: INSTANCES }, () =>
          invokeBundle(file, [...events, ...events], dynamoEnv(consumer)),
        ),
      );
      const outcomes = runs.flatMap((r) =>
        r.results.map((res) =>
          "ok" in res ? String(res.ok.outcome) : `error ${res.error.message}`,
        ),
      );
      assert.equal(
        outcomes.filter((o) => o === "processed").length,
        events.length,
        outcomes.join(", "),
      );
      assert.equal(
        outcomes.filter((o) => o === "duplicate").length,
        2 * events.length * INSTANCES - events.length,
      );
    });
  }

  /** The log lines of every run whose message matches. */
  const outcomeLines = (
    runs: InvokeResult[],
    message: string | RegExp,
  ): Record<string, unknown>[] =>
    runs
      .flatMap((r) => r.lines)
      .filter((l) =>
        typeof message === "string" ? l.message === message : message.test(String(l.message)),
      );

  for (const target of ["lambda", "audit-lambda"] as const) {
    it(`the ${target} bundle's queueHandler: ${INSTANCES} instances given the same SQS batches apply each event once and return only the bad record`, async () => {
      const file = (await bundles())[target].file;
      const consumer = target === "lambda" ? "orders-queue" : "audit-queue";
      const cancelled = orderCancelled();
      const placed = orderPlaced();
      const mCancelled = enqueue(eventBridgeEvent(cancelled));
      const mPlaced = enqueue(eventBridgeEvent(placed));
      // The publisher's retried PutEvents: a new EventBridge event and message, the same CloudEvent.
      const mPlacedAgain = enqueue(eventBridgeEvent(placed));
      // A producer that put plain JSON on the bus: its detail is no CloudEvent (no specversion, id).
      const mPoison = enqueue({
        ...eventBridgeEvent(placed),
        detail: { orderId: "ord_7Q2M9X4KZP", status: "placed" },
      });
      // The second batch redelivers the first's messages (same ids, next receive count).
      const batches = [
        sqsBatch([sqsRecord(mCancelled), sqsRecord(mPoison), sqsRecord(mPlaced)]),
        sqsBatch([sqsRecord(mPlacedAgain), sqsRecord(mPoison, 2), sqsRecord(mCancelled, 2)]),
      ];
      const runs = await Promise.all(
        Array.from({ length: INSTANCES }, () =>
          invokeBundle(file, batches, dynamoEnv(consumer), 0, "queueHandler"),
        ),
      );
      for (const r of runs) {
        assert.deepEqual(
          r.results,
          batches.map(() => ({
            ok: { batchItemFailures: [{ itemIdentifier: mPoison.messageId }] },
          })),
          r.output,
        );
      }
      const valid = 2 * 2 * INSTANCES; // two valid records per batch, two batches, each instance
      assert.equal(outcomeLines(runs, "event processed").length, 2);
      assert.equal(outcomeLines(runs, /^duplicate event/).length, valid - 2);
      const returned = outcomeLines(runs, "record returned to the queue");
      assert.deepEqual(
        returned.map((l) => l.sqs_message_id),
        Array.from({ length: 2 * INSTANCES }, () => mPoison.messageId),
      );
      const store = storeFor("dynamodb", consumer);
      if (target === "lambda") {
        const order = await store.read({ collection: "orders", id: "ord_7Q2M9X4KZP" });
        assert.equal(order?.status, "cancelled");
        assert.deepEqual(Object.keys(order?.changes ?? {}).sort(), ["cancelled", "placed"]);
      } else {
        for (const event of [cancelled, placed]) {
          const entry = await store.read({ collection: "audit", id: identityKey(event) });
          assert.equal(entry?.eventId, event.id);
        }
      }
    });
  }
});
