import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  eventBridgeSample,
  loadEventBridgeSample,
  putEventsCommand,
} from "../../../components/aws/publish-example";

const delivered = {
  version: "0",
  id: "0d5e6f10-0000-4000-8000-000000000000",
  "detail-type": "com.example.order.placed.v1",
  source: "//orders.example.com/checkout",
  account: "123456789012",
  time: "2026-01-01T00:00:00Z",
  region: "eu-west-1",
  resources: [],
  detail: { specversion: "1.0", id: "ce-1", data: { orderId: "o-1", note: "customer's note" } },
};

/** What a POSIX shell passes to `aws` for the command. */
function shellArgs(command: string): string[] {
  const out = execFileSync("sh", ["-c", `${command.replace(/^aws /, "printf '%s\\n' ")}`], {
    encoding: "utf8",
  });
  return out.trimEnd().split("\n");
}

describe("aws publish example", () => {
  it("puts the sample's source, type and CloudEvent detail on the bus, quoted for a shell", () => {
    const command = putEventsCommand(
      "eu-west-1",
      "eventstack-prod",
      eventBridgeSample(delivered, "sample"),
    );
    assert.match(command, /^aws events put-events --region eu-west-1 --entries '/);
    const args = shellArgs(command);
    assert.deepEqual(args.slice(0, 4), ["events", "put-events", "--region", "eu-west-1"]);
    assert.equal(args[4], "--entries");
    const entries = JSON.parse(args[5] ?? "") as Record<string, string>[];
    assert.deepEqual(entries, [
      {
        EventBusName: "eventstack-prod",
        Source: "//orders.example.com/checkout",
        DetailType: "com.example.order.placed.v1",
        Detail: JSON.stringify(delivered.detail),
      },
    ]);
    assert.equal((JSON.parse(entries[0]?.Detail ?? "{}") as { id: string }).id, "ce-1");
  });

  const broken: [string, unknown, RegExp][] = [
    ["not an object", [], /must be a JSON object/],
    ["no source", { ...delivered, source: "" }, /"source" must be a non-empty string/],
    [
      "no detail-type",
      { ...delivered, "detail-type": undefined },
      /"detail-type" must be a non-empty string/,
    ],
    [
      "a detail that is not an object",
      { ...delivered, detail: "x" },
      /"detail" must be a JSON object/,
    ],
  ];
  for (const [what, sample, message] of broken) {
    it(`rejects a sample with ${what}, naming the file`, () => {
      assert.throws(
        () => eventBridgeSample(sample, "samples/x.json"),
        (err: Error) => {
          assert.match(err.message, /^samples\/x\.json: /);
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  it("reads the *eventbridge*.json sample and fails clearly when there is none", () => {
    const dir = mkdtempSync(join(tmpdir(), "eventstack-samples-"));
    assert.throws(() => loadEventBridgeSample(dir), /holds no \*eventbridge\*\.json sample/);
    writeFileSync(join(dir, "order-placed.push.json"), "{}");
    writeFileSync(join(dir, "order-placed.eventbridge.json"), JSON.stringify(delivered));
    assert.deepEqual(loadEventBridgeSample(dir), {
      source: delivered.source,
      detailType: delivered["detail-type"],
      detail: delivered.detail,
    });
  });
});
