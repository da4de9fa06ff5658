/**
 * What auditing a deployed stack costs as it grows: the export of a 20-consumer stack (planned
 * under the mock runtime, written as `pulumi stack export` would) beside one ten times larger
 * (every resource replicated under new URNs, ids and ARNs), both audited end to end — read, parse,
 * redact, evaluate every policy, build the report — in this run, for each cloud. A third export
 * copies the stack tenfold under new URNs only, so every identifier (name, id, ARN) is shared by
 * ten resources; it is reported as a ratio to the distinct-names export of the same run.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as engine from "../../policies/offline/evaluate";
import { auditState } from "../../policies/offline/state-audit";
import { replicateExport, toStackExport } from "../../policies/offline/state-export";
import { readStackState } from "../../policies/offline/state-read";
import { loadOverrides, plan } from "../support/plan";
import { medianMs, type BenchRow } from "./harness";
import { replicateSharingNames } from "./repeated-names";

const SMALL_RUNS = 5;
const LARGE_RUNS = 3;
const FACTOR = 10;

/** Writes the 20-consumer export of `stack` on `cloud` and its tenfold copy; returns both paths. */
async function exportsFor(stack: "dev" | "prod", cloud: "gcp" | "aws") {
  const planned = await plan(stack, loadOverrides(cloud, 20));
  const small = await toStackExport(planned.resources);
  const dir = mkdtempSync(join(tmpdir(), "eventstack-audit-bench-"));
  const files = {
    small: join(dir, "small.json"),
    large: join(dir, "large.json"),
    repeated: join(dir, "repeated-names.json"),
  };
  writeFileSync(files.small, JSON.stringify(small));
  writeFileSync(files.large, JSON.stringify(replicateExport(small, FACTOR)));
  writeFileSync(files.repeated, JSON.stringify(replicateSharingNames(small, FACTOR)));
  return files;
}

const audit = (stateFile: string) => auditState({ stateFile }, engine);

async function section(stack: "dev" | "prod", cloud: "gcp" | "aws"): Promise<BenchRow[]> {
  const files = await exportsFor(stack, cloud);
  // Warm-up, and the sizes and findings the figures are about.
  const small = (await audit(files.small)).report;
  const large = (await audit(files.large)).report;
  const n = small.summary.resources;
  const m = large.summary.resources;
  const smallMs = await medianMs(() => audit(files.small), SMALL_RUNS);
  const largeMs = await medianMs(() => audit(files.large), LARGE_RUNS);
  const repeated = (await audit(files.repeated)).report;
  const repeatedMs = await medianMs(() => audit(files.repeated), LARGE_RUNS);
  const readMs = await medianMs(() => readStackState(files.large), LARGE_RUNS);
  const label = `${cloud} ${stack}`;
  const baseline = { name: `${label}, 20 consumers (${n} resources)`, value: smallMs };
  return [
    { section: "audit", name: baseline.name, value: smallMs, unit: "ms" },
    {
      section: "audit",
      name: `${label}, ${FACTOR}× export (${m} resources)`,
      value: largeMs,
      unit: "ms",
      baseline,
      target: `≤ ${((2 * m) / n).toFixed(1)}× baseline (at most twice linear in resources)`,
      met: largeMs <= (2 * m * smallMs) / n,
    },
    {
      section: "audit",
      name: `${label}, ${FACTOR}× export, per resource`,
      value: (largeMs / m) * 1000,
      unit: "µs",
      baseline: { name: "20 consumers, per resource", value: (smallMs / n) * 1000 },
      target: "≤ 2× baseline (no super-linear cost per resource)",
      met: largeMs / m <= 2 * (smallMs / n),
    },
    {
      section: "audit",
      name: `${label}, ${FACTOR}× export with repeated names (${repeated.summary.resources} resources, each identifier shared by ${FACTOR})`,
      value: repeatedMs / largeMs,
      unit: "× distinct names",
      baseline: { name: `${FACTOR}× export, distinct names`, value: 1 },
      target: "≤ 1.5× the distinct-names export (lookups by identifier stay linear)",
      met: repeatedMs <= 1.5 * largeMs,
    },
    {
      section: "audit",
      name: `${label}, ${FACTOR}× export, reading and redacting only`,
      value: readMs,
      unit: "ms",
      baseline: { name: `${FACTOR}× export, whole audit`, value: largeMs },
    },
    {
      section: "audit",
      name: `${label}, findings in the ${FACTOR}× export`,
      value: large.violations.length,
      unit: "findings",
      baseline: { name: "20 consumers", value: small.violations.length },
      target: `= ${FACTOR}× baseline (copies keep their references by value)`,
      met:
        large.violations.length === FACTOR * small.violations.length ||
        (small.violations.length === 0 && large.violations.length === 0),
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [...(await section("prod", "aws")), ...(await section("dev", "gcp"))];
}
