/**
 * What every `pulumi preview` and `pulumi up` that enforces the pack waits for before the first
 * resource is analysed: the pack's start under Pulumi's policy-pack runner, to the port it prints
 * (as `pulumi-analyzer-policy` starts it, test/policies/support/pack-process.ts). Beside two
 * baselines measured in this run: the floor of loading what the runner loads whatever the pack
 * (@pulumi/pulumi, @pulumi/policy, and the TypeScript compiler and ts-node it registers), and the
 * same pack started from its TypeScript entry, which the runner type-checks (its `typeCheck: true`
 * is hard-coded; policies/main.js says why the pack's entry is JavaScript).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import { startPack } from "../policies/support/pack-process";
import { NODE } from "../support/loader";
import { PROJECT_DIR } from "../support/plan";
import type { BenchRow } from "./harness";

const RUNS = 3;
const PACK_DIR = join(PROJECT_DIR, "policies");

/** Median time from spawning the runner in `dir` to the port it prints, in ms. */
async function startMs(dir: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { child } = await startPack(dir);
    times.push(performance.now() - t0);
    child.kill();
    await new Promise((resolve) => child.once("exit", resolve));
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
}

/** Median wall time of loading the runner's own modules in a fresh process, in ms. */
function floorMs(): number {
  const times: number[] = [];
  const code = ["@pulumi/pulumi", "@pulumi/policy", "typescript", "ts-node"]
    .map((m) => `require(${JSON.stringify(m)});`)
    .join("");
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(NODE, ["-e", code], { cwd: PACK_DIR, encoding: "utf8" });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`the floor's node -e exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
}

/** A copy of the pack whose `main` is its TypeScript entry, resolving the repository's packages. */
function typeScriptEntryCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-pack-ts-"));
  cpSync(PACK_DIR, dir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(PACK_DIR, "dist")),
  });
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"));
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ ...pkg, main: "index.ts" }));
  return dir;
}

export async function run(): Promise<BenchRow[]> {
  const floor = floorMs();
  const pack = await startMs(PACK_DIR);
  const copy = typeScriptEntryCopy();
  let typeChecked: number;
  try {
    typeChecked = await startMs(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  const name = "policy pack start under Pulumi's runner, to its port";
  return [
    {
      section: "pack-start",
      name,
      value: pack,
      unit: "ms",
      baseline: { name: "node -e require the runner's modules", value: floor },
      // The type-checked start reads 5–8× the floor; the pack's modules, the esbuild bundle and
      // the gRPC server add 1.5–1.8× on this machine.
      target: "≤ 3× baseline",
      met: pack <= 3 * floor,
    },
    {
      section: "pack-start",
      name: `${name}, beside its TypeScript entry`,
      value: pack,
      unit: "ms",
      baseline: { name: "index.ts as main (type-checked by the runner)", value: typeChecked },
    },
  ];
}
