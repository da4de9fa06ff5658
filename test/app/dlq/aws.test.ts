/**
 * The dead-letter commands against the AWS SDK v3 clients (SQS, EventBridge, KMS), whose `send`
 * aws-sdk-client-mock answers; the Encrypted Events payload is a real AWS Encryption SDK message.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import { DecryptCommand, GenerateDataKeyCommand, KMS } from "@aws-sdk/client-kms";
import { SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { eventBridgeSink } from "../../../app/dlq/aws-bus";
import { sqsSource } from "../../../app/dlq/aws-queue";
import { encryptionSdkDecrypter } from "../../../app/dlq/decrypt-aws";
import { memoryJournal, openJournal } from "../../../app/dlq/journal";
import { listDeadLetters } from "../../../app/dlq/list";
import { purge } from "../../../app/dlq/purge";
import { redrive, type RedriveInput } from "../../../app/dlq/redrive";
import type { Clock } from "../../../app/dlq/rate-limit";
import { rateLimiter } from "../../../app/dlq/rate-limit";
import {
  BUS_ARN,
  encryptedEventsEnvelope,
  eventBridgeDlqAttributes,
  eventBridgeEvent,
  KEY_ARN,
  lambdaOnFailureRecord,
} from "./fixtures";
import { FakeQueue } from "./sqs-queue";

const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/eventstack-prod-orders-dlq";
const BUS = "eventstack-prod-bus";
const dataKey = randomBytes(32);
const wrappedKey = randomBytes(64);

function kmsClient(): KMS {
  const kms = new KMS({ region: "eu-west-1" });
  const mock = mockClient(kms);
  // Copies: the Encryption SDK zeroes the plaintext data key it was given once it is done with it.
  mock.on(GenerateDataKeyCommand).callsFake(() => ({
    KeyId: KEY_ARN,
    Plaintext: Buffer.from(dataKey),
    CiphertextBlob: Buffer.from(wrappedKey),
  }));
  mock.on(DecryptCommand).callsFake((input: { CiphertextBlob: Uint8Array; KeyId: string }) => {
    assert.equal(input.KeyId, KEY_ARN);
    assert.deepEqual(Buffer.from(input.CiphertextBlob), wrappedKey);
    return { KeyId: KEY_ARN, Plaintext: Buffer.from(dataKey) };
  });
  return kms;
}

/** Encrypts `event` the way EventBridge does: Encryption SDK, the bus's key, its ARN as context. */
async function encryptLikeEventBridge(kms: KMS, event: unknown): Promise<string> {
  const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  const keyring = new KmsKeyringNode({ generatorKeyId: KEY_ARN, clientProvider: () => kms });
  const { result } = await encrypt(keyring, JSON.stringify(event), {
    encryptionContext: { "aws:events:event-bus:arn": BUS_ARN },
  });
  return result.toString("base64");
}

const noWait: Clock = { now: () => 0, sleep: () => Promise.resolve() };
const quiet = { update: () => undefined, end: () => undefined };

describe("dlq on AWS (SQS dead-letter queue, EventBridge bus)", () => {
  let queue: FakeQueue;
  let kms: KMS;
  const eventsMock = mockClient(EventBridgeClient);
  let putEntries: PutEventsRequestEntry[];
  let failDetailId: string | undefined;

  beforeEach(() => {
    queue = new FakeQueue();
    kms = kmsClient();
    putEntries = [];
    failDetailId = undefined;
    eventsMock.reset();
    eventsMock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
      putEntries.push(...input.Entries);
      const Entries = input.Entries.map((e, i) =>
        failDetailId !== undefined && e.Detail?.includes(failDetailId)
          ? { ErrorCode: "InternalFailure", ErrorMessage: "try again" }
          : { EventId: `eb-${putEntries.length}-${i}` },
      );
      return { FailedEntryCount: Entries.filter((e) => "ErrorCode" in e).length, Entries };
    });
  });
  afterEach(() => queue.restore());
  // The stub replaces EventBridgeClient.prototype.send for every client; other suites use real ones.
  after(() => eventsMock.restore());

  function source() {
    return sqsSource(
      new SQSClient({ region: "eu-west-1" }),
      QUEUE_URL,
      encryptionSdkDecrypter(kms),
    );
  }
  function input(over: Partial<RedriveInput> = {}): RedriveInput {
    return {
      source: source(),
      sink: eventBridgeSink(new EventBridgeClient({ region: "eu-west-1" }), BUS),
      journal: memoryJournal(),
      limiter: rateLimiter(1000, noWait),
      progress: quiet,
      filter: {},
      limit: 1000,
      dryRun: false,
      ...over,
    };
  }

  async function seedAllShapes(): Promise<void> {
    queue.send("m-delivery", JSON.stringify(eventBridgeEvent("ce-1")), eventBridgeDlqAttributes());
    queue.send("m-lambda", JSON.stringify(lambdaOnFailureRecord("ce-2")));
    queue.send("m-redrive", JSON.stringify(eventBridgeEvent("ce-3")));
    const payload = await encryptLikeEventBridge(kms, eventBridgeEvent("ce-4"));
    queue.send("m-encrypted", JSON.stringify(encryptedEventsEnvelope(payload)));
    queue.send("m-bad", "{not json");
  }

  it("lists every documented record shape with why it failed, and leaves the queue as it was", async () => {
    await seedAllShapes();
    const listing = await listDeadLetters(source(), {}, 50);
    assert.equal(listing.approximateCount, 5);
    const byKey = new Map(listing.records.map((r) => [r.key, r]));
    const delivery = byKey.get("m-delivery");
    assert.equal(delivery?.shape, "eventbridge-delivery-failure");
    assert.deepEqual(delivery?.failure, {
      code: "SQS.AccessDeniedException",
      message: "Access to the resource is denied. (MaximumRetryAttempts)",
      attempts: 185,
    });
    assert.equal(delivery?.origin.ruleArn, eventBridgeDlqAttributes().RULE_ARN);
    assert.equal(delivery?.eventId, "ce-1");
    assert.equal(delivery?.eventType, "com.example.order.placed.v1");
    const lambda = byKey.get("m-lambda");
    assert.equal(lambda?.shape, "lambda-on-failure");
    assert.deepEqual(lambda?.failure, {
      code: "Unhandled",
      message: "inventory backend timed out",
      attempts: 3,
    });
    assert.equal(lambda?.eventId, "ce-2");
    assert.equal(byKey.get("m-redrive")?.shape, "sqs-redrive");
    const encrypted = byKey.get("m-encrypted");
    assert.equal(encrypted?.shape, "eventbridge-encrypted");
    assert.equal(encrypted?.problem, undefined);
    assert.equal(encrypted?.eventId, "ce-4");
    assert.equal(encrypted?.origin.kmsKeyArn, KEY_ARN);
    assert.equal(byKey.get("m-bad")?.problem, "body: not JSON");
    assert.equal(queue.stored.length, 5);
    assert.ok(
      queue.stored.every((s) => s.visibleAt <= queue.clock),
      "every record released",
    );
  });

  it("filters by type, error, id and time", async () => {
    await seedAllShapes();
    const keys = async (f: Parameters<typeof listDeadLetters>[1]) =>
      (await listDeadLetters(source(), f, 50)).records.map((r) => r.key).sort();
    assert.deepEqual(await keys({ error: "accessdenied" }), ["m-delivery"]);
    assert.deepEqual(await keys({ id: "ce-2" }), ["m-lambda"]);
    assert.deepEqual(await keys({ type: "com.example.other.v1" }), []);
    // The Lambda record's own timestamp (09:16:05) is when it was dead-lettered; the SQS messages
    // were sent at 09:20.
    assert.deepEqual(await keys({ until: Date.parse("2025-11-20T09:17:00Z") }), ["m-lambda"]);
  });

  it("dry run publishes and removes nothing", async () => {
    await seedAllShapes();
    const result = await redrive(input({ dryRun: true }));
    assert.equal(result.redriven.length, 4);
    assert.equal(putEntries.length, 0);
    assert.equal(queue.stored.length, 5);
  });

  it("puts events back with their source, detail-type and CloudEvents id, and removes only those", async () => {
    await seedAllShapes();
    failDetailId = '"id":"ce-2"';
    const result = await redrive(input());
    assert.deepEqual(
      result.failed.map((f) => f.eventId),
      ["ce-2"],
    );
    assert.deepEqual(
      result.undecodable.map((f) => f.key),
      ["m-bad"],
    );
    assert.deepEqual(queue.ids().sort(), ["m-bad", "m-lambda"]);
    const first = putEntries.find((e) => e.Detail?.includes('"id":"ce-1"'));
    assert.equal(first?.EventBusName, BUS);
    assert.equal(first?.Source, "//orders.example.com/checkout");
    assert.equal(first?.DetailType, "com.example.order.placed.v1");
    assert.deepEqual(JSON.parse(first?.Detail ?? "{}"), eventBridgeEvent("ce-1").detail);
    // Four decodable records, each put once.
    assert.equal(putEntries.length, 4);
  });

  it("Fault: a crash between publish and delete loses nothing, and the re-run does not publish again", async () => {
    await seedAllShapes();
    const file = join(mkdtempSync(join(tmpdir(), "dlq-")), "orders.journal");
    queue.beforeDelete = () => {
      throw new Error("process killed");
    };
    const journal = openJournal(file);
    await assert.rejects(redrive(input({ journal })), /process killed/);
    journal.close();
    assert.equal(queue.stored.length, 5, "nothing deleted");
    const publishedBefore = putEntries.length;
    assert.equal(readFileSync(file, "utf8").trim().split("\n").length, publishedBefore);

    queue.beforeDelete = () => undefined;
    queue.clock += 901_000; // the crashed run's holds expire
    const rerun = openJournal(file);
    const result = await redrive(input({ journal: rerun }));
    rerun.close();
    assert.equal(putEntries.length, publishedBefore, "no event published twice");
    assert.equal(result.completedFromJournal.length, publishedBefore);
    assert.deepEqual(queue.ids(), ["m-bad"]);
  });

  it("Fault: records seen again in one run (their holds expired) are not published twice", async () => {
    for (let i = 0; i < 12; i++) queue.send(`m-${i}`, JSON.stringify(eventBridgeEvent(`ce-${i}`)));
    failDetailId = '"id":"ce-3"';
    // Every receive comes after the previous holds expired, so failed and undeleted records return.
    queue.onReceive = () => {
      queue.clock += 901_000;
    };
    let deletes = 0;
    queue.beforeDelete = () => {
      deletes += 1;
      if (deletes === 1) throw new Error("throttled");
    };
    const journal = memoryJournal();
    const idsPut = () => putEntries.map((e) => (JSON.parse(e.Detail ?? "{}") as { id: string }).id);
    await assert.rejects(redrive(input({ journal })), /throttled/);
    assert.equal(idsPut().length, 10);
    putEntries = [];
    // A second run with the same journal: the first batch is removed without being put again, and
    // ce-3, which fails again, comes back on every receive but is put once in this run.
    const result = await redrive(input({ journal }));
    assert.deepEqual(idsPut().sort(), ["ce-10", "ce-11", "ce-3"]);
    assert.deepEqual(queue.ids(), ["m-3"]);
    assert.deepEqual(
      result.failed.map((f) => f.eventId),
      ["ce-3"],
    );
    assert.equal(result.completedFromJournal.length, 9);
  });

  it("purge writes every record to the file before deleting it", async () => {
    await seedAllShapes();
    const file = join(mkdtempSync(join(tmpdir(), "dlq-")), "purged.jsonl");
    const result = await purge(source(), { error: "AccessDenied" }, file, 100);
    assert.deepEqual(result.removed, ["m-delivery"]);
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { key: string; raw: string });
    assert.deepEqual(
      lines.map((l) => l.key),
      ["m-delivery"],
    );
    assert.deepEqual(JSON.parse(lines[0]?.raw ?? ""), eventBridgeEvent("ce-1"));
    assert.equal(queue.stored.length, 4);
    // A second purge never overwrites the first one's file.
    writeFileSync(join(file, "..", "other"), "");
    await assert.rejects(purge(source(), { id: "ce-2" }, file, 100), /EEXIST/);
  });

  it("refuses a purge without a filter", async () => {
    await assert.rejects(purge(source(), {}, "unused.jsonl", 1), /purge needs a filter/);
  });
});
