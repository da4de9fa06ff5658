/**
 * What every `pulumi preview` and `pulumi up` that enforces the pack waits for before the first
 * resource is analysed: the pack's start under Pulumi's policy-pack runner, to the port it prints
 * (as `pulumi-analyzer-policy` starts it, test/policies/support/pack-process.ts), in wall time and
 * in the CPU time of the runner's process. Beside two baselines measured in this run: the floor of
 * loading @pulumi/pulumi, @pulumi/policy, and the TypeScript compiler and ts-node the runner
 * registers whatever the pack; and the same pack started from its TypeScript entry, which the
 * runner type-checks (its `typeCheck: true` is hard-coded; policies/main.js says why the pack's
 * entry is JavaScript).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { copyPack, PACK_DIR } from "../policies/support/pack-copy";
import { startPack, stopPack } from "../policies/support/pack-process";
import { NODE } from "../support/loader";
import { processCpuMicros } from "../support/proc-stat";
import { medianBy, medianMs, type BenchRow } from "./harness";

const RUNS = 3;

/**
 * Median wall and CPU time of the pack in `dir` from spawn to its port, in ms. CPU counts the
 * runner's own and that of the children it has reaped by then (esbuild's, for the JavaScript entry).
 */
async function starts(dir: string): Promise<{ wallMs: number; cpuMs: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const { child } = await startPack(dir);
    wall.push(performance.now() - t0);
    if (child.pid === undefined) throw new Error(`the pack in ${dir} started without a pid`);
    cpu.push(processCpuMicros(child.pid, { reapedChildren: true }) / 1000);
    await stopPack(child);
  }
  return { wallMs: medianBy(wall, (ms) => ms), cpuMs: medianBy(cpu, (ms) => ms) };
}

/** Median wall time of a fresh process loading what the runner loads whatever the pack, in ms. */
function floorMs(): Promise<number> {
  const code = ["@pulumi/pulumi", "@pulumi/policy", "typescript", "ts-node"]
    .map((m) => `require(${JSON.stringify(m)});`)
    .join("");
  return medianMs(() => {
    const r = spawnSync(NODE, ["-e", code], { cwd: PACK_DIR, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the floor's node -e exited ${r.status}: ${r.stderr}`);
  }, RUNS);
}

/** Starts of a copy of the pack whose `main` is its TypeScript entry. */
async function typeScriptEntryStarts(): Promise<{ wallMs: number; cpuMs: number }> {
  const dir = copyPack("eventstack-bench-pack-");
  try {
    const file = join(dir, "package.json");
    const pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...pkg, main: "index.ts" }));
    return await starts(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const floor = await floorMs();
  const pack = await starts(PACK_DIR);
  const typeChecked = await typeScriptEntryStarts();
  const name = "policy pack start under Pulumi's runner, to its port";
  const typeCheckedName = "index.ts as main (type-checked by the runner)";
  return [
    {
      section: "pack-start",
      name,
      value: pack.wallMs,
      unit: "ms",
      baseline: {
        name: "node -e require @pulumi/pulumi, @pulumi/policy, typescript, ts-node",
        value: floor,
      },
      // It read 1.54–1.87× that floor in five runs on this machine (the pack's modules, its
      // esbuild bundle, the gRPC server); the type-checked start, 5.7–6.7×.
      target: "≤ 2.5× baseline",
      met: pack.wallMs <= 2.5 * floor,
    },
    {
      section: "pack-start",
      name: `${name}, beside its TypeScript entry`,
      value: pack.wallMs,
      unit: "ms",
      baseline: { name: typeCheckedName, value: typeChecked.wallMs },
      target: "≤ 0.5× baseline",
      met: pack.wallMs <= 0.5 * typeChecked.wallMs,
    },
    {
      section: "pack-start",
      name: "policy pack start, CPU time of the runner's process",
      value: pack.cpuMs,
      unit: "ms",
      baseline: { name: typeCheckedName, value: typeChecked.cpuMs },
    },
  ];
}
