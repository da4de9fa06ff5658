/**
 * The decisions of `npm run verify` (.ci/verify.ts), pure so they are tested: which npm
 * scripts run in which phase, how a task's output is prefixed line by line, and what a run
 * concludes from the tasks' exit statuses.
 */

/**
 * Phase 1 runs at once (each is one process on one core; the machine has two), phase 2 alone:
 * the tests use both cores themselves (mocha --parallel, package.json's `test`).
 */
export const PHASES: readonly (readonly string[])[] = [
  ["lint", "format:check", "typecheck"],
  ["test"],
];

/** One finished task. */
export interface TaskResult {
  readonly name: string;
  /** The exit status, or the signal that ended it. */
  readonly status: number | NodeJS.Signals;
  readonly seconds: number;
}

/** Splits a stream's chunks into whole lines, each prefixed; `flush` returns what is left. */
export class LinePrefixer {
  private pending = "";

  constructor(private readonly prefix: string) {}

  /** The whole lines completed by `chunk`, prefixed, with their newlines. */
  push(chunk: string): string {
    const text = this.pending + chunk;
    const end = text.lastIndexOf("\n");
    if (end === -1) {
      this.pending = text;
      return "";
    }
    this.pending = text.slice(end + 1);
    return text
      .slice(0, end + 1)
      .split(/(?<=\n)/)
      .map((line) => this.prefix + line)
      .join("");
  }

  /** A last line without a newline, prefixed and terminated; "" when there is none. */
  flush(): string {
    const rest = this.pending;
    this.pending = "";
    return rest === "" ? "" : `${this.prefix}${rest}\n`;
  }
}

/** 0 when every task exited 0, else 1. */
export function exitStatus(results: readonly TaskResult[]): number {
  return results.length > 0 && results.every((r) => r.status === 0) ? 0 : 1;
}

/** The closing line: each task's time and any failure, then the total. */
export function summary(results: readonly TaskResult[], totalSeconds: number): string {
  const parts = results.map(
    (r) => `${r.name} ${r.seconds.toFixed(1)} s${r.status === 0 ? "" : ` (FAILED: ${r.status})`}`,
  );
  const verdict = exitStatus(results) === 0 ? "passed" : "FAILED";
  return `verify ${verdict}: ${parts.join(", ")}; total ${totalSeconds.toFixed(1)} s`;
}

/** What `--timings FILE` holds. */
export interface Timings {
  readonly tasks: readonly TaskResult[];
  readonly totalSeconds: number;
}

/** Reads a `--timings` document; throws naming the field and the value that is wrong. */
export function parseTimings(text: string): Timings {
  const doc: unknown = JSON.parse(text);
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new Error(`verify timings: ${field} must be ${allowed}, got ${JSON.stringify(value)}`);
  };
  if (typeof doc !== "object" || doc === null) return fail("the document", doc, "an object");
  const { tasks, totalSeconds } = doc as Record<string, unknown>;
  if (!Array.isArray(tasks)) return fail("tasks", tasks, "an array");
  if (typeof totalSeconds !== "number" || !(totalSeconds >= 0))
    return fail("totalSeconds", totalSeconds, "a number of seconds");
  const parsed = tasks.map((task: unknown, i): TaskResult => {
    if (typeof task !== "object" || task === null) return fail(`tasks[${i}]`, task, "an object");
    const { name, status, seconds } = task as Record<string, unknown>;
    if (typeof name !== "string") return fail(`tasks[${i}].name`, name, "a string");
    if (typeof status !== "number" && typeof status !== "string")
      return fail(`tasks[${i}].status`, status, "an exit status or a signal name");
    if (typeof seconds !== "number" || !(seconds >= 0))
      return fail(`tasks[${i}].seconds`, seconds, "a number of seconds");
    return { name, status: status as number | NodeJS.Signals, seconds };
  });
  return { tasks: parsed, totalSeconds };
}
