import assert from "node:assert/strict";
import { Metrics } from "../../../app/core/metrics";
import { Secret } from "../../../app/core/secrets";
import { parseCloudTraceContext, parseTraceparent, traceLogFields } from "../../../app/core/trace";
import { captureLogs } from "../support/logs";

describe("trace context", () => {
  const traceparents: [string, ReturnType<typeof parseTraceparent>][] = [
    [
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", sampled: true },
    ],
    [
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
      { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", sampled: false },
    ],
    ["00-00000000000000000000000000000000-00f067aa0ba902b7-01", undefined],
    ["ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", undefined],
    ["00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", undefined],
    ["garbage", undefined],
  ];
  for (const [header, expected] of traceparents) {
    it(`parses traceparent ${JSON.stringify(header)}`, () =>
      assert.deepEqual(parseTraceparent(header), expected));
  }

  it("parses X-Cloud-Trace-Context, converting the decimal span id to 16 hex digits", () => {
    assert.deepEqual(
      parseCloudTraceContext("105445aa7843bc8bf206b12000100000/18446744073709551615;o=1"),
      {
        traceId: "105445aa7843bc8bf206b12000100000",
        spanId: "ffffffffffffffff",
        sampled: true,
      },
    );
    assert.deepEqual(parseCloudTraceContext("105445aa7843bc8bf206b12000100000"), {
      traceId: "105445aa7843bc8bf206b12000100000",
    });
    assert.equal(parseCloudTraceContext("not-a-trace/1;o=1"), undefined);
  });

  it("builds the Cloud Logging trace field only when the project is known", () => {
    const trace = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736" };
    assert.deepEqual(traceLogFields(trace, "eventstack-dev"), {
      trace_id: trace.traceId,
      "logging.googleapis.com/trace":
        "projects/eventstack-dev/traces/4bf92f3577b34da6a3ce929d0e0e4736",
    });
    assert.deepEqual(traceLogFields(trace, undefined), { trace_id: trace.traceId });
  });
});

describe("logger", () => {
  it("stamps each line with the current time, child loggers included", async () => {
    const logs = captureLogs();
    const child = logs.logger.child({ consumer: "orders" });
    logs.logger.info("first");
    await new Promise((resolve) => setTimeout(resolve, 5));
    child.info("second");
    const [first, second] = logs.lines.map((l) => Date.parse(String(l.timestamp)));
    assert.ok(first !== undefined && second !== undefined);
    assert.ok(second - first >= 4, `${first} then ${second}`);
    assert.ok(Math.abs(Date.now() - second) < 1000);
  });

  it("writes one JSON line per call with timestamp, severity, level and bound fields", () => {
    const logs = captureLogs("info");
    logs.logger.child({ consumer: "orders" }).warn("slow backend", { processing_time_ms: 12.5 });
    logs.logger.debug("hidden below info");
    assert.equal(logs.raw.length, 1);
    const [line] = logs.lines;
    assert.equal(line?.severity, "WARNING");
    assert.equal(line?.level, "warn");
    assert.equal(line?.message, "slow backend");
    assert.equal(line?.consumer, "orders");
    assert.equal(line?.processing_time_ms, 12.5);
    assert.ok(!Number.isNaN(Date.parse(String(line?.timestamp))));
  });

  it("serialises errors with name and message, and secrets as [redacted]", () => {
    const logs = captureLogs();
    logs.logger.error("failed", { error: new TypeError("boom"), key: new Secret("abc123") });
    const error = logs.lines[0]?.error as Record<string, unknown>;
    assert.equal(error.name, "TypeError");
    assert.equal(error.message, "boom");
    assert.equal(typeof error.stack, "string");
    assert.equal(logs.lines[0]?.key, "[redacted]");
    assert.ok(!logs.raw[0]?.includes("abc123"));
  });
});

describe("metrics", () => {
  it("counts outcomes and summarises latency", () => {
    const metrics = new Metrics();
    for (let i = 1; i <= 100; i++) metrics.record(i === 100 ? "failed" : "processed", i);
    metrics.record("duplicate", 0.5);
    const snap = metrics.snapshot();
    assert.deepEqual([snap.processed, snap.failed, snap.duplicate, snap.ignored], [99, 1, 1, 0]);
    assert.equal(snap.latency_ms.count, 101);
    assert.equal(snap.latency_ms.max, 100);
    assert.equal(snap.latency_ms.p50, 50);
    assert.equal(snap.latency_ms.p99, 99);
  });
});

describe("logger robustness", () => {
  it("serialises errors bound in a child and survives fields JSON cannot hold", () => {
    const logs = captureLogs();
    const child = logs.logger.child({ error: new RangeError("bound") });
    child.info("with bound error");
    logs.logger.info("with a bigint", { count: 10n });
    assert.equal((logs.lines[0]?.error as Record<string, unknown>).message, "bound");
    assert.equal(logs.lines[1]?.message, "with a bigint");
    assert.match(String(logs.lines[1]?.log_error), /fields not serialisable/);
  });

  it("escapes messages so every line stays one valid JSON document", () => {
    const logs = captureLogs();
    logs.logger.warn('quote " and\nnewline');
    assert.equal(logs.raw[0]?.includes("\n"), false);
    assert.equal(logs.lines[0]?.message, 'quote " and\nnewline');
  });
});
