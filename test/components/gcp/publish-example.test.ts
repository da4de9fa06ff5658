import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  loadPushSample,
  publishCommand,
  pushMessage,
  type PubSubMessage,
} from "../../../components/gcp/publish-example";

const b64 = (s: string) => Buffer.from(s).toString("base64");

const message: PubSubMessage = {
  attributes: {
    "content-type": "application/json",
    "ce-id": "A234-1234-1234",
    "ce-source": "//orders.example.com/checkout",
    "ce-type": "com.example.order.placed.v1",
    "ce-specversion": "1.0",
    "ce-time": "2026-01-15T10:30:00Z",
  },
  data: b64('{"orderId":"o-1"}'),
};

const topic = "projects/acme-events-dev/topics/eventstack-dev-events";

describe("gcp publish example", () => {
  it("publishes the sample's attributes and decoded body, ce-specversion/type/source/id first", () => {
    assert.equal(
      publishCommand(topic, message),
      "gcloud pubsub topics publish projects/acme-events-dev/topics/eventstack-dev-events " +
        "--attribute='ce-specversion=1.0,ce-type=com.example.order.placed.v1,ce-source=//orders.example.com/checkout,ce-id=A234-1234-1234,content-type=application/json,ce-time=2026-01-15T10:30:00Z' " +
        `--message='{"orderId":"o-1"}'`,
    );
  });

  it("switches gcloud's list delimiter when a value holds a comma", () => {
    const cmd = publishCommand(topic, {
      ...message,
      attributes: { ...message.attributes, "ce-subject": "a,b" },
    });
    assert.match(cmd, /--attribute='\^;\^ce-specversion=1\.0;ce-type=.*;ce-subject=a,b'/);
  });

  it("quotes a body with a single quote for the shell", () => {
    const cmd = publishCommand(topic, { ...message, data: b64(`{"note":"it's"}`) });
    assert.ok(cmd.endsWith(`--message='{"note":"it'\\''s"}'`), cmd);
  });

  describe("pushMessage", () => {
    it("takes the message of a push body", () => {
      assert.deepEqual(
        pushMessage({ message, subscription: "projects/p/subscriptions/s" }, "sample"),
        message,
      );
    });

    const bad: [string, unknown, RegExp][] = [
      ["no message", { subscription: "s" }, /has no "message" object/],
      [
        "no data",
        { message: { attributes: message.attributes } },
        /message.data must be a base64 string/,
      ],
      [
        "non-string attribute",
        { message: { data: "", attributes: { "ce-id": 1 } } },
        /must map names to strings/,
      ],
      [
        "no ce-type",
        {
          message: {
            data: "",
            attributes: { "ce-specversion": "1.0", "ce-source": "s", "ce-id": "i" },
          },
        },
        /attribute ce-type is missing/,
      ],
    ];
    for (const [what, body, error] of bad) {
      it(`refuses a body with ${what}`, () =>
        assert.throws(() => pushMessage(body, "sample"), error));
    }
  });

  it("loads the *push*.json sample of a samples directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "samples-"));
    writeFileSync(join(dir, "order-placed.eventbridge.json"), "{}");
    writeFileSync(
      join(dir, "order-placed.push.json"),
      JSON.stringify({ message, subscription: "x" }),
    );
    assert.deepEqual(loadPushSample(dir), message);
  });

  it("says which directory lacks a push sample", () => {
    const dir = mkdtempSync(join(tmpdir(), "samples-"));
    assert.throws(() => loadPushSample(dir), new RegExp(`${dir} holds no \\*push\\*\\.json`));
  });
});
