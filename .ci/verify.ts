/**
 * `npm run verify [-- --timings FILE]`: lint, format:check and typecheck at once, then, if all
 * three passed, the tests (the order and the stop of the `&&` chain it replaces, in less wall
 * time on two cores). Each concurrent task's output is streamed line by line behind
 * `[<task>] `; the tests stream as they are. Ends with one summary line of every task's time;
 * exits 0 only when every task passed. `--timings FILE` also writes the times as JSON
 * (`{ "tasks": [{ "name", "status", "seconds" }], "totalSeconds" }`), as the bench reads them.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { exitStatus, LinePrefixer, PHASES, summary, type TaskResult } from "./verify-run";

const ROOT = join(__dirname, "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** Runs `npm run -s <name>`; with `prefixed`, its lines go out behind `[<name>] `. */
function runScript(name: string, prefixed: boolean): Promise<TaskResult> {
  const t0 = performance.now();
  const child = spawn(NPM, ["run", "-s", name], {
    cwd: ROOT,
    stdio: prefixed ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  if (prefixed) {
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      const lines = new LinePrefixer(`[${name}] `);
      from?.setEncoding("utf8");
      from?.on("data", (chunk: string) => to.write(lines.push(chunk)));
      from?.on("end", () => to.write(lines.flush()));
    }
  }
  return new Promise((resolve) => {
    child.on("error", (err) => {
      process.stderr.write(`[${name}] could not start ${NPM}: ${err.message}\n`);
      resolve({ name, status: 127, seconds: (performance.now() - t0) / 1000 });
    });
    child.on("close", (code, signal) => {
      resolve({ name, status: code ?? signal ?? 1, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { timings: { type: "string" } },
    strict: true,
  });
  const t0 = performance.now();
  const results: TaskResult[] = [];
  for (const phase of PHASES) {
    results.push(...(await Promise.all(phase.map((name) => runScript(name, phase.length > 1)))));
    if (exitStatus(results) !== 0) break;
  }
  const totalSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${summary(results, totalSeconds)}\n`);
  if (values.timings !== undefined) {
    writeFileSync(values.timings, `${JSON.stringify({ tasks: results, totalSeconds }, null, 2)}\n`);
  }
  return exitStatus(results);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`verify: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
