/**
 * `npm run dlq` end to end on the shipped prod stack's shape: the outputs file is the planned prod
 * stack's own outputs, the command line goes through `runDlq` (what app/dlq/cli.ts runs), and the
 * SQS and EventBridge clients talk over HTTP to a local server speaking their JSON protocols.
 *
 * In process rather than spawned: with `AWS_ENDPOINT_URL_SQS` alone the SQS client still sends to
 * the queue URL's host, because its queue-URL middleware only keeps an endpoint set in the
 * client's own config (`useQueueUrlAsEndpoint`, @aws-sdk/middleware-sdk-sqs
 * dist-cjs/index.js `queueUrlMiddleware`), so the clients here get `endpoint` directly.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { KMS } from "@aws-sdk/client-kms";
import { SQSClient } from "@aws-sdk/client-sqs";
import { eventBridgeSink } from "../../../app/dlq/aws-bus";
import { sqsSource } from "../../../app/dlq/aws-queue";
import { runDlq, type DlqIo } from "../../../app/dlq/cli";
import type { Connection } from "../../../app/dlq/clouds";
import { encryptionSdkDecrypter } from "../../../app/dlq/decrypt-aws";
import type { DlqTarget } from "../../../app/dlq/outputs";
import { plan } from "../../support/plan";
import { AwsJsonServer } from "./aws-json-server";
import { eventBridgeDlqAttributes, eventBridgeEvent, lambdaOnFailureRecord } from "./fixtures";

const credentials = { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" };

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly targets: DlqTarget[];
}

describe("npm run dlq on the prod stack's outputs (AWS JSON protocols over HTTP)", () => {
  let server: AwsJsonServer;
  let endpoint: string;
  let outputsFile: string;
  let dir: string;
  let outputs: Record<string, unknown>;

  before(async () => {
    outputs = (await plan("prod")).outputs;
    dir = mkdtempSync(join(tmpdir(), "dlq-cli-"));
    outputsFile = join(dir, "prod.outputs.json");
    writeFileSync(outputsFile, JSON.stringify(outputs, null, 2));
  });

  beforeEach(async () => {
    server = new AwsJsonServer();
    endpoint = await server.start();
    server.add("m-1", eventBridgeEvent("ce-1"), eventBridgeDlqAttributes());
    server.add("m-2", lambdaOnFailureRecord("ce-2"));
  });

  afterEach(() => server.stop());

  async function dlq(...argv: string[]): Promise<Run> {
    const out = new PassThrough();
    const err = new PassThrough();
    const text = { out: "", err: "" };
    out.on("data", (c: Buffer) => (text.out += c.toString()));
    err.on("data", (c: Buffer) => (text.err += c.toString()));
    const targets: DlqTarget[] = [];
    const io: DlqIo = {
      stdout: out,
      stderr: err as unknown as NodeJS.WriteStream,
      now: () => new Date("2025-11-20T10:00:00Z"),
      connect: (target): Promise<Connection> => {
        targets.push(target);
        assert.equal(target.cloud, "aws");
        if (target.cloud !== "aws") throw new Error("aws only");
        const config = { region: target.region, endpoint, credentials };
        const sqs = new SQSClient(config);
        const events = new EventBridgeClient(config);
        const kms = new KMS(config);
        return Promise.resolve({
          source: sqsSource(sqs, target.queueUrl, encryptionSdkDecrypter(kms)),
          sink: eventBridgeSink(events, target.busName),
          close: () => {
            sqs.destroy();
            events.destroy();
            kms.destroy();
            return Promise.resolve();
          },
        });
      },
    };
    const code = await runDlq(argv, io);
    return { code, stdout: text.out, stderr: text.err, targets };
  }

  it("reads the consumer's queue, bus and operator role from the stack's outputs", async () => {
    const run = await dlq("list", "--outputs", outputsFile, "--consumer", "orders", "--json");
    assert.equal(run.code, 0, run.stderr);
    const consumers = outputs.consumers as Record<string, { deadLetterQueueUrl: string }>;
    assert.deepEqual(run.targets, [
      {
        cloud: "aws",
        consumer: "orders",
        region: "eu-west-1",
        busName: outputs.busName,
        queueUrl: consumers.orders?.deadLetterQueueUrl,
        operator: outputs.deadLetterOperatorRoleArn,
      },
    ]);
  });

  it("list: both record shapes, with why they failed, and nothing removed", async () => {
    const run = await dlq("list", "--outputs", outputsFile, "--consumer", "orders", "--json");
    assert.equal(run.code, 0, run.stderr);
    const listing = JSON.parse(run.stdout) as { records: { eventId?: string; shape?: string }[] };
    assert.deepEqual(listing.records.map((r) => r.eventId).sort(), ["ce-1", "ce-2"]);
    assert.equal(server.messages.length, 2);
    assert.ok(
      server.messages.every((m) => m.handle === undefined),
      "released at the end",
    );
    assert.ok(run.stdout.includes("SQS.AccessDeniedException"), run.stdout);
    assert.ok(run.stdout.includes("inventory backend timed out"), run.stdout);
  });

  it("show --id: the one record in full", async () => {
    const run = await dlq("show", "--outputs", outputsFile, "--consumer", "orders", "--id", "ce-2");
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes("ce-2"), run.stdout);
    assert.ok(!run.stdout.includes("ce-1"), run.stdout);
  });

  it("redrive without --yes: reports what it would put, puts and deletes nothing", async () => {
    const run = await dlq("redrive", "--outputs", outputsFile, "--consumer", "orders", "--json");
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(server.putEvents, []);
    assert.equal(server.messages.length, 2);
    assert.ok(!server.calls.includes("AmazonSQS.DeleteMessageBatch"), server.calls.join());
  });

  it("redrive --yes: puts each event on the bus, deletes only what was put", async () => {
    server.failPut.add("ce-2");
    const journal = join(dir, "redrive.journal");
    const run = await dlq(
      "redrive",
      "--outputs",
      outputsFile,
      "--consumer",
      "orders",
      "--yes",
      "--rate",
      "1000",
      "--journal",
      journal,
    );
    assert.equal(run.code, 1, "one entry failed");
    assert.deepEqual(
      server.putEvents.map((e) => [
        e.EventBusName,
        (JSON.parse(e.Detail ?? "{}") as { id: string }).id,
      ]),
      [[outputs.busName, "ce-1"]],
    );
    assert.equal(server.putEvents[0]?.Source, eventBridgeEvent("ce-1").source);
    assert.deepEqual(
      server.messages.map((m) => m.id),
      ["m-2"],
      "the record whose put failed stays",
    );
  });

  it("refuses a consumer the stack does not have, naming the ones it has", async () => {
    const run = await dlq("list", "--outputs", outputsFile, "--consumer", "billing");
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /--consumer "billing" is not a consumer of this stack; one of: .*orders.*bus/,
    );
    assert.deepEqual(server.calls, []);
  });

  it("names the operator role when a cloud call fails", async () => {
    await server.stop();
    const run = await dlq("list", "--outputs", outputsFile, "--consumer", "orders");
    assert.equal(run.code, 3);
    assert.ok(
      run.stderr.includes(`operator role is ${String(outputs.deadLetterOperatorRoleArn)}`),
      run.stderr,
    );
  });
});
