/**
 * Lambda bundle size and cold start beside the unbundled build. Cold start = a fresh Node 24
 * process imports the handler module and handles the sample EventBridge event; the time is taken
 * inside the process (import + one invocation), and the whole process lifetime is shown too. The
 * unbundled build is the same TypeScript transpiled file by file (no bundling, no minification),
 * loaded through the same `import()` with dependencies from node_modules.
 */
import { build as esbuild } from "esbuild";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { build, REPO_ROOT } from "../../app/build";
import type { BenchRow } from "./harness";

const NODE = join(REPO_ROOT, "node_modules", ".bin", "node");
const RUNS = 7;
const SAMPLE = join(REPO_ROOT, "app", "samples", "order-placed.eventbridge.json");

const COLD_START = `
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
const started = performance.now();
const { handler } = await import(process.argv[1]);
const result = await handler(JSON.parse(readFileSync(process.argv[2], "utf8")), { awsRequestId: "bench" });
const ms = performance.now() - started;
if (result.outcome !== "processed") throw new Error("unexpected outcome " + JSON.stringify(result));
const loaded = Object.keys(createRequire(import.meta.url).cache).reduce((sum, f) => sum + statSync(f).size, 0);
process.stderr.write(JSON.stringify({ ms, loaded }) + "\\n");
`;

interface Sample {
  readonly inProcessMs: number;
  readonly processMs: number;
  readonly loadedBytes: number;
}

function coldStart(entry: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      NODE,
      ["--input-type=module", "-e", COLD_START, pathToFileURL(entry).href, SAMPLE],
      {
        env: { PATH: process.env.PATH ?? "", CONSUMER_NAME: "bench" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    child.on("exit", (code) => {
      const processMs = performance.now() - t0;
      const line = err.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`cold start of ${entry} exited ${code}: ${err}`));
      const { ms, loaded } = JSON.parse(line) as { ms: number; loaded: number };
      resolve({ inProcessMs: ms, processMs, loadedBytes: loaded });
    });
  });
}

async function median(entry: string): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await coldStart(entry));
  const mid = <K extends keyof Sample>(key: K): number =>
    samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
  return {
    inProcessMs: mid("inProcessMs"),
    processMs: mid("processMs"),
    loadedBytes: mid("loadedBytes"),
  };
}

/** Transpiles `app/` file by file to CommonJS under `dist/bench-unbundled` (inside the repo so node_modules resolves). */
async function unbundled(): Promise<string> {
  const out = join(REPO_ROOT, "dist", "bench-unbundled");
  rmSync(out, { recursive: true, force: true });
  const sources: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) sources.push(relative(REPO_ROOT, path));
    }
  };
  walk(join(REPO_ROOT, "app"));
  await esbuild({
    absWorkingDir: REPO_ROOT,
    entryPoints: sources,
    outdir: join(out, "app"),
    outbase: "app",
    format: "cjs",
    platform: "node",
    target: "node24",
    // The lazy import()s (the state store adapters, the SDK client) become require(), which finds
    // the transpiled ".js" files without extensions in the specifiers, as a CommonJS build does
    // (https://esbuild.github.io/api/#supported).
    supported: { "dynamic-import": false },
    logLevel: "warning",
  });
  return join(out, "app", "lambda", "index.js");
}

export async function run(): Promise<BenchRow[]> {
  const { lambda } = await build(mkdtempSync(join(tmpdir(), "eventstack-bench-")));
  const plain = await unbundled();
  const bundled = await median(lambda.file);
  const loose = await median(plain);
  return [
    {
      section: "lambda",
      name: "bundle size (all JS in dist/lambda)",
      value: lambda.totalBytes / 1024,
      unit: "KiB",
      target: "≤ 1024 KiB",
      met: lambda.totalBytes <= 1024 * 1024,
    },
    {
      section: "lambda",
      name: "JS loaded at cold start",
      value: lambda.bytes / 1024,
      unit: "KiB",
      baseline: { name: "unbundled, from node_modules", value: loose.loadedBytes / 1024 },
    },
    {
      section: "lambda",
      name: "cold start: import + first event",
      value: bundled.inProcessMs,
      unit: "ms",
      baseline: { name: "unbundled", value: loose.inProcessMs },
      target: "≤ 100 ms",
      met: bundled.inProcessMs <= 100,
    },
    {
      section: "lambda",
      name: "cold start incl. Node process start",
      value: bundled.processMs,
      unit: "ms",
      baseline: { name: "unbundled", value: loose.processMs },
    },
  ];
}
