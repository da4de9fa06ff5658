import assert from "node:assert/strict";
import type { TaskResult } from "../../.ci/verify-run";
import { TARGETS, verifyRows } from "./verify.bench";

const task = (name: string, seconds: number, status: TaskResult["status"] = 0): TaskResult => ({
  name,
  status,
  seconds,
});
const phase1 = [task("lint", 9), task("format:check", 10), task("typecheck", 17)];

describe("the verify bench section's figures", () => {
  it("Compliance 1: verify and the tests within their absolute targets", () => {
    const rows = verifyRows({ tasks: [...phase1, task("test", 44)], totalSeconds: 62 });
    assert.deepEqual(
      rows.map((r) => [r.name, r.value, r.met]),
      [
        ["npm run verify (lint, format:check, typecheck, test)", 62, true],
        ["the tests alone (npm test, verify's last phase)", 44, true],
        ["lint + format:check + typecheck at once (slowest)", 17, undefined],
      ],
    );
    assert.equal(
      rows[0]?.target,
      `≤ ${TARGETS.verify} s (absolute seconds on this 2-core machine, no baseline)`,
    );
    assert.ok(
      rows.every((r) => r.baseline === undefined),
      "no ratio to a baseline",
    );
  });

  it("Noncompliance 1: the tests over 45 s miss their target even when verify makes 75 s", () => {
    const rows = verifyRows({ tasks: [...phase1, task("test", 46)], totalSeconds: 70 });
    assert.deepEqual(
      rows.map((r) => r.met),
      [true, false, undefined],
    );
  });

  it("Noncompliance 2: verify over 75 s", () => {
    const rows = verifyRows({ tasks: [...phase1, task("test", 40)], totalSeconds: 76 });
    assert.equal(rows[0]?.met, false);
  });

  it("refuses timings of a failed run, naming the task", () => {
    assert.throws(
      () => verifyRows({ tasks: [task("lint", 9, 1)], totalSeconds: 9 }),
      /npm run verify failed \(lint: 1\)/,
    );
  });
});
