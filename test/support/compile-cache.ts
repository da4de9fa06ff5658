/**
 * V8's compile cache, which the project's loader enables for every process in
 * node_modules/.cache/eventstack-ts/v8 (policies/offline/ts-loader.js), on a fresh clone: Node
 * writes a process's entries only when it exits or flushes
 * (https://nodejs.org/api/module.html#moduleflushcompilecache), and mocha's workers live for the
 * whole run, so without help every worker and every process a test starts compiles the SDKs
 * (thousands of @pulumi/aws and @pulumi/gcp modules) again.
 *
 * - {@link warmCompileCache}: when the cache is (nearly) empty, one process plans the dev (GCP)
 *   and prod (AWS) stacks, loading what the workers and the check processes load, and exits,
 *   which writes its entries; the run's first process runs it beside the build.
 * - {@link flushCompileCache}: a worker writes what it compiled after each file, for the
 *   processes started after it.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { flushCompileCache as flush, getCompileCacheDir } from "node:module";
import { join } from "node:path";
import { NODE, TS_LOADER } from "./loader";

const ROOT = join(__dirname, "../..");

/** Fewer entries than this is a cache a run has not filled yet (a full one holds ~7000). */
export const COLD_ENTRIES = 1000;

/** How many entries this process's compile cache directory holds (0 when there is none). */
function entries(): number {
  const dir = getCompileCacheDir();
  if (dir === undefined) return 0;
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

// Loads the modules first; plans once its stdin ends, i.e. once dist/ is built (the AWS program
// packages dist/lambda).
const PROBE = `
const root = ${JSON.stringify(ROOT)};
const { planStack } = require(root + "/policies/offline/plan.ts");
for (const m of ["policies/offline/cli.ts", "components/gcp/platform.ts", "components/aws/platform.ts"])
  require(root + "/" + m);
process.stdin.resume();
process.stdin.on("end", async () => {
  try {
    for (const stack of ["dev", "prod"]) await planStack({ projectDir: root, stack });
    process.exit(0);
  } catch (err) {
    process.stderr.write(String((err && err.stack) || err));
    process.exit(1);
  }
});`;

/**
 * Fills the compile cache when it holds fewer than {@link COLD_ENTRIES} entries; resolves when
 * it is written (or at once, when it is full). Planning needs dist/, so it waits for `built`.
 * Rejects with the planning process's output when it fails.
 */
export async function warmCompileCache(built: Promise<unknown>): Promise<void> {
  if (entries() >= COLD_ENTRIES) return;
  const child = spawn(NODE, [...TS_LOADER, "-e", PROBE], {
    cwd: ROOT,
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    await built;
  } finally {
    child.stdin.end();
  }
  const code = await closed;
  if (code !== 0) throw new Error(`filling the compile cache failed (exit ${code}):\n${stderr}`);
}

/** Writes the entries this process compiled so far (Node ≥ 23.0). */
export function flushCompileCache(): void {
  flush();
}
