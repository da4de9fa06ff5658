import assert from "node:assert/strict";
import {
  eventBridgeEvent,
  identityKey,
  orderCancelled,
  orderPlaced,
  readSample,
} from "../support/fixtures";
import { bundles } from "../support/bundles";
import { invokeBundle, startFakeSecretsManager, startHangingEndpoint } from "../support/lambda";
import { startFakeBackend } from "../support/backend-server";

const ARN =
  "arn:aws:secretsmanager:eu-west-1:111122223333:secret:eventstack-prod/orders-api-key-AbCdEf";
const AWS_ENV = {
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const outcomes = (results: { ok?: Record<string, unknown>; error?: { name: string } }[]) =>
  results.map((r) => (r.ok !== undefined ? r.ok.outcome : r.error?.name));

const TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

describe("Lambda bundle (dist/lambda/index.mjs) invoked like the Node.js runtime does", function () {
  this.timeout(30_000);
  let file: string;

  before(async function () {
    this.timeout(60_000);
    file = (await bundles()).lambda.file;
  });

  it("rejects garbage with an error naming what is missing, never a silent success", async () => {
    const { results, lines } = await invokeBundle(file, [
      {},
      null,
      "hello",
      { Records: [{ body: "{}" }] },
    ]);
    for (const result of results) {
      assert.ok("error" in result, JSON.stringify(result));
      assert.equal(result.error.name, "InvalidEventError");
    }
    const first = results[0];
    assert.ok(first !== undefined && "error" in first);
    assert.match(
      first.error.message,
      /EventBridge event\.version, EventBridge event\.id, EventBridge event\.detail-type, .*: missing/,
    );
    const rejected = lines.filter((l) => l.message === "event rejected");
    assert.equal(rejected.length, 4);
    for (const line of rejected) assert.equal(typeof line.processing_time_ms, "number");
  });

  it("processes the sample EventBridge event and logs it as one JSON line with ids, trace and timing", async () => {
    const { results, lines } = await invokeBundle(
      file,
      [readSample("order-placed.eventbridge.json")],
      {
        _X_AMZN_TRACE_ID: TRACE,
        CONSUMER_NAME: "orders",
        AWS_LAMBDA_FUNCTION_NAME: "eventstack-prod-orders",
      },
    );
    assert.deepEqual(results, [
      { ok: { outcome: "processed", eventId: "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31" } },
    ]);
    const line = lines.find((l) => l.message === "event processed");
    assert.ok(line !== undefined);
    assert.equal(line.level, "info");
    assert.equal(line.event_id, "0f4c3a52-9a1e-4d8b-b7c4-2f6e1d9a8b31");
    assert.equal(line.trace_id, "1-5759e988-bd862e3fe1be46a994272793");
    assert.equal(line.eventbridge_id, "5c9b2d1e-7f3a-4b6c-9e8d-1a2b3c4d5e6f");
    assert.equal(line.consumer, "orders");
    assert.equal(line.function, "eventstack-prod-orders");
    assert.equal(typeof line.processing_time_ms, "number");
    assert.equal(typeof line.aws_request_id, "string");
    const emf = lines.find((l) => "_aws" in l);
    assert.equal(emf?.processed, 1);
    assert.deepEqual((emf?._aws as { CloudWatchMetrics: unknown[] }).CloudWatchMetrics[0], {
      Namespace: "eventstack",
      Dimensions: [["consumer"]],
      Metrics: [
        { Name: "processed", Unit: "Count" },
        { Name: "processing_time", Unit: "Milliseconds" },
      ],
    });
  });

  it("processes an event once: a redelivery is acknowledged as a duplicate", async () => {
    const event = eventBridgeEvent(orderCancelled());
    const { results } = await invokeBundle(file, [
      event,
      { ...event, id: "a-second-eventbridge-id" },
    ]);
    assert.deepEqual(
      results.map((r) => ("ok" in r ? r.ok.outcome : r.error.name)),
      ["processed", "duplicate"],
    );
  });

  it("throws on a poison message (known type, invalid data) so Lambda retries and dead-letters it", async () => {
    const poison = eventBridgeEvent({
      ...orderCancelled(),
      data: { orderId: "ord_7Q2M9X4KZP", reason: "changed_mind" },
    });
    const { results, lines } = await invokeBundle(file, [poison]);
    const [result] = results;
    assert.ok(result !== undefined && "error" in result);
    assert.equal(result.error.name, "PoisonEventError");
    assert.match(result.error.message, /data\.reason: .*"changed_mind"/);
    assert.match(result.error.message, /data\.cancelledAt: missing/);
    assert.equal(lines.find((l) => l.message === "event not acknowledged")?.failure, "poison");
  });

  it("acknowledges an unknown event type and logs it", async () => {
    const unknown = eventBridgeEvent({ ...orderPlaced(), type: "com.example.invoice.issued.v1" });
    const { results, lines } = await invokeBundle(file, [unknown]);
    assert.equal(
      results[0] !== undefined && "ok" in results[0] ? results[0].ok.outcome : undefined,
      "ignored",
    );
    assert.equal(
      lines.find((l) => l.message === "unknown event type acknowledged without processing")?.level,
      "warn",
    );
  });

  it("rejects a detail that contradicts the EventBridge envelope", async () => {
    const event = eventBridgeEvent(orderPlaced());
    const { results } = await invokeBundle(file, [
      { ...event, detail: { ...(event.detail as object), type: "com.example.order.shipped.v1" } },
    ]);
    assert.ok(results[0] !== undefined && "error" in results[0]);
    assert.match(
      results[0].error.message,
      /detail\.type: "com\.example\.order\.shipped\.v1" contradicts the event's detail-type/,
    );
  });

  it("reads the API key from Secrets Manager once per instance, sends it to the backend and never logs it", async () => {
    const key = "sk_live_1d9f2c7a5e3b8f0a6c4e2d1b";
    const arn =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:eventstack-prod/orders-api-key-AbCdEf";
    const secrets = await startFakeSecretsManager({ [arn]: key });
    const backend = await startFakeBackend();
    try {
      const { results, output } = await invokeBundle(
        file,
        [eventBridgeEvent(orderPlaced()), eventBridgeEvent(orderCancelled())],
        {
          BACKEND_API_KEY_SECRET_ARN: arn,
          BACKEND_URL: backend.url.href,
          AWS_REGION: "eu-west-1",
          AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
          AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
        },
      );
      assert.deepEqual(
        results.map((r) => ("ok" in r ? r.ok.outcome : r.error.message)),
        ["processed", "processed"],
      );
      assert.deepEqual(secrets.calls, [{ target: "secretsmanager.GetSecretValue", secretId: arn }]);
      assert.deepEqual(
        backend.requests.map((r) => r.headers.authorization),
        [`Bearer ${key}`, `Bearer ${key}`],
      );
      assert.ok(!output.includes(key), "the key appears in the Lambda's output");
    } finally {
      await secrets.close();
      await backend.close();
    }
  });

  it("throws (retry) when the secret cannot be read, and logs the ARN but no value", async () => {
    const backend = await startFakeBackend();
    const secrets = await startFakeSecretsManager({});
    try {
      const arn =
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:eventstack-prod/missing-AbCdEf";
      const { results, lines } = await invokeBundle(file, [eventBridgeEvent(orderPlaced())], {
        BACKEND_API_KEY_SECRET_ARN: arn,
        BACKEND_URL: backend.url.href,
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      });
      assert.ok(results[0] !== undefined && "error" in results[0]);
      assert.equal(results[0].error.name, "RetryableError");
      assert.match(
        results[0].error.message,
        /could not read secret arn:aws:secretsmanager:.*missing-AbCdEf/,
      );
      assert.equal(backend.requests.length, 0);
      assert.equal(lines.find((l) => l.message === "event not acknowledged")?.failure, "retryable");
    } finally {
      await backend.close();
      await secrets.close();
    }
  });

  it("throws when the backend fails and processes the retry of the same event in the same instance", async () => {
    const backend = await startFakeBackend();
    backend.script.push(503);
    try {
      const event = eventBridgeEvent(orderPlaced());
      const { results, lines } = await invokeBundle(file, [event, event, event], {
        BACKEND_URL: backend.url.href,
      });
      assert.deepEqual(
        results.map((r) => ("ok" in r ? r.ok.outcome : r.error.name)),
        ["RetryableError", "processed", "duplicate"],
      );
      assert.equal(backend.requests.length, 2);
      assert.deepEqual(
        lines
          .filter((l) => "_aws" in l)
          .map((l) => Object.keys(l).find((k) => k in { failed: 1, processed: 1, duplicate: 1 })),
        ["failed", "processed", "duplicate"],
      );
    } finally {
      await backend.close();
    }
  });

  it("processes an event whose detail carries null attributes (null means absent)", async () => {
    const event = eventBridgeEvent({ ...orderPlaced(), subject: null, dataschema: null });
    const { results } = await invokeBundle(file, [event]);
    assert.deepEqual(outcomes(results), ["processed"], JSON.stringify(results));
  });

  it("throws a poison error (not a retryable one) for deeply nested data of a known type", async () => {
    const depth = 200_000;
    const events = JSON.stringify([eventBridgeEvent({ ...orderPlaced(), data: "@@DATA@@" })]);
    const { results } = await invokeBundle(
      file,
      events.replace('"@@DATA@@"', `${"[".repeat(depth)}${"]".repeat(depth)}`),
    );
    assert.deepEqual(
      outcomes(results),
      ["PoisonEventError"],
      JSON.stringify(results).slice(0, 500),
    );
  });

  it("applies two events that share an id but not a source, each with its own idempotency key", async () => {
    const backend = await startFakeBackend();
    try {
      const a = { ...orderPlaced("1001"), source: "//orders.example.com/checkout" };
      const b = { ...orderPlaced("1001"), source: "//orders.example.com/marketplace" };
      const { results } = await invokeBundle(file, [eventBridgeEvent(a), eventBridgeEvent(b)], {
        BACKEND_URL: backend.url.href,
      });
      assert.deepEqual(outcomes(results), ["processed", "processed"]);
      assert.deepEqual(
        backend.requests.map((r) => r.headers["idempotency-key"]),
        [identityKey(a), identityKey(b)],
      );
    } finally {
      await backend.close();
    }
  });

  it("fails an invocation with a retryable error when Secrets Manager hangs, instead of hanging with it", async () => {
    const hanging = await startHangingEndpoint();
    const backend = await startFakeBackend();
    try {
      const { results } = await invokeBundle(file, [eventBridgeEvent(orderPlaced())], {
        ...AWS_ENV,
        BACKEND_API_KEY_SECRET_ARN: ARN,
        BACKEND_URL: backend.url.href,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: hanging.url,
      });
      assert.ok(results[0] !== undefined && "error" in results[0]);
      assert.equal(results[0].error.name, "RetryableError");
      assert.match(results[0].error.message, /could not read secret .*time/i);
      assert.equal(hanging.connections, 2, "two bounded attempts");
      assert.equal(backend.requests.length, 0);
    } finally {
      await hanging.close();
      await backend.close();
    }
  });

  it("picks up a rotated API key once BACKEND_API_KEY_MAX_AGE_SECONDS has passed", async () => {
    const values: Record<string, string> = { [ARN]: "sk_live_before_rotation" };
    const secrets = await startFakeSecretsManager(values);
    const backend = await startFakeBackend();
    // The fake backend answers the first request only after the secret rotated.
    const rotateAfterFirst = setInterval(() => {
      if (backend.requests.length > 0) values[ARN] = "sk_live_after_rotation";
    }, 10);
    try {
      const { results } = await invokeBundle(
        file,
        [eventBridgeEvent(orderPlaced()), eventBridgeEvent(orderPlaced())],
        {
          ...AWS_ENV,
          BACKEND_API_KEY_SECRET_ARN: ARN,
          BACKEND_URL: backend.url.href,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
          BACKEND_API_KEY_MAX_AGE_SECONDS: "1",
        },
        1500,
      );
      assert.deepEqual(outcomes(results), ["processed", "processed"]);
      assert.deepEqual(
        backend.requests.map((r) => r.headers.authorization),
        ["Bearer sk_live_before_rotation", "Bearer sk_live_after_rotation"],
      );
      assert.equal(secrets.calls.length, 2);
    } finally {
      clearInterval(rotateAfterFirst);
      await secrets.close();
      await backend.close();
    }
  });

  it("refuses to initialise with a malformed secret ARN, naming the variable", async () => {
    await assert.rejects(
      invokeBundle(file, [], { BACKEND_API_KEY_SECRET_ARN: "orders-api-key" }),
      /BACKEND_API_KEY_SECRET_ARN must be a Secrets Manager secret ARN \(got "orders-api-key"\)/,
    );
  });
});
