/**
 * What a contributor and CI wait for: `npm run verify` (lint, format:check and typecheck at once,
 * then the tests; .ci/verify.ts) in this project, once, with the tests' own time from the same
 * run. Unlike the other sections these are absolute seconds on this machine (two cores), judged
 * against the targets ≤ 75 s for verify and ≤ 45 s for the tests; there is no baseline to take a
 * ratio to. The tests include no bench section, so this does not recurse.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseTimings, type Timings } from "../../.ci/verify-run";
import { PROJECT_DIR } from "../support/plan";
import type { BenchRow } from "./harness";

/** Targets in seconds, on the two-core machine the figures are measured on. */
export const TARGETS = { verify: 75, tests: 45 } as const;

const ABSOLUTE = "absolute seconds on this 2-core machine, no baseline";

/** The section's rows from one run's timings; throws when a task failed or the tests are absent. */
export function verifyRows(t: Timings): BenchRow[] {
  const failed = t.tasks.filter((task) => task.status !== 0);
  if (failed.length > 0) {
    throw new Error(
      `npm run verify failed (${failed.map((f) => `${f.name}: ${f.status}`).join(", ")}); its times measure nothing`,
    );
  }
  const tests = t.tasks.find((task) => task.name === "test");
  if (tests === undefined) throw new Error("npm run verify ran no test task");
  const others = t.tasks.filter((task) => task !== tests);
  return [
    {
      section: "verify",
      name: `npm run verify (${t.tasks.map((task) => task.name).join(", ")})`,
      value: t.totalSeconds,
      unit: "s",
      target: `≤ ${TARGETS.verify} s (${ABSOLUTE})`,
      met: t.totalSeconds <= TARGETS.verify,
    },
    {
      section: "verify",
      name: "the tests alone (npm test, verify's last phase)",
      value: tests.seconds,
      unit: "s",
      target: `≤ ${TARGETS.tests} s (${ABSOLUTE})`,
      met: tests.seconds <= TARGETS.tests,
    },
    {
      section: "verify",
      name: `${others.map((task) => task.name).join(" + ")} at once (slowest)`,
      value: Math.max(...others.map((task) => task.seconds)),
      unit: "s",
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const file = join(mkdtempSync(join(tmpdir(), "eventstack-verify-bench-")), "timings.json");
  const r = spawnSync("npm", ["run", "-s", "verify", "--", "--timings", file], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    // Output is not the figure; keep only the summary line for a failure's message.
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`npm run verify did not start: ${r.error.message}`);
  let timings: Timings;
  try {
    timings = parseTimings(readFileSync(file, "utf8"));
  } catch (err) {
    const last = r.stdout.trimEnd().split("\n").at(-1) ?? "";
    throw new Error(`npm run verify exited ${r.status} without timings (${last}): ${String(err)}`, {
      cause: err,
    });
  }
  return verifyRows(timings);
}
