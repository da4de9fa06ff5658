import assert from "node:assert/strict";
import { MAX_LINE_CHARS, createLogger } from "../../../app/core/logger";

describe("logger line bound (Cloud Logging and CloudWatch drop entries over 256 KB)", () => {
  it("replaces a line over the bound with a bounded, valid line that says it was truncated", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) }).child({ event_id: "e-1" });
    log.warn("request rejected", { error: "x".repeat(300_000), status: 400 });
    const [line] = lines;
    assert.ok(line !== undefined && line.length <= MAX_LINE_CHARS, `${line?.length} chars`);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.equal(parsed.severity, "WARNING");
    assert.equal(parsed.message, "request rejected");
    assert.equal(parsed.log_truncated, true);
    assert.ok(Number(parsed.original_chars) > 300_000);
    assert.match(String(parsed.head), /"event_id":"e-1"/);
  });

  it("writes lines within the bound unchanged", () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l) }).info("ok", { n: 1 });
    assert.equal((JSON.parse(lines[0] ?? "") as Record<string, unknown>).log_truncated, undefined);
  });
});
