/**
 * The one way tests run `npm run check` (policies/offline/cli.ts):
 *
 * - {@link checkProcess}: a fresh process as npm starts it (Node 24, the project's loader, from the
 *   project directory), for what is about the process: exit statuses, pipes, the loader, the bin.
 * - {@link checkInProcess}: the CLI's own `main(argv, projectDir)` in this test process, with
 *   what it writes to stdout and stderr captured, for tests about the report. It returns the same
 *   status `main` hands to `process.exitCode`, so the answer is the one a process would give, at
 *   the cost of a plan instead of a Node start, the loader and the SDKs (about a second each).
 * - {@link sharedCheck}: {@link checkInProcess} run once per distinct argument list and working
 *   directory, for tests that only read the same report (never for inputs a test changes).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { main } from "../../policies/offline/cli";
import { NODE, TS_LOADER } from "./loader";

/** The repository root: the project `npm run check` plans by default. */
export const PROJECT_DIR = join(__dirname, "../..");

/** The CLI's entry file, as the `check` script runs it. */
export const CLI = join(PROJECT_DIR, "policies/offline/cli.ts");

/** What a run of `check` left behind. */
export interface CheckRun {
  /** The exit status (null when a process was killed). */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how a run starts. */
export interface CheckOptions {
  /** Working directory, i.e. the project checked; default the repository. */
  readonly cwd?: string;
  /** Extra environment for a process; added to this process's. */
  readonly env?: Readonly<Record<string, string>>;
  /** A process's loader: the project's (as the npm script) or ts-node's transpile-only register. */
  readonly loader?: "project" | "ts-node";
  /** Kill a process after this many ms; default 120 s. */
  readonly timeoutMs?: number;
  /** Run a process as this user and group (from root, e.g. to meet a permission check). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

const TS_NODE = ["-r", join(PROJECT_DIR, "node_modules/ts-node/register/transpile-only")];

/** Runs `check <args>` in a fresh Node 24 process, the way `npm run -s check -- <args>` does. */
export function checkProcess(args: readonly string[], opts: CheckOptions = {}): CheckRun {
  const loader = opts.loader === "ts-node" ? TS_NODE : TS_LOADER;
  const r = spawnSync(NODE, [...loader, CLI, ...args], {
    cwd: opts.cwd ?? PROJECT_DIR,
    env: { ...process.env, ...opts.env },
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 120_000,
    ...opts.user,
  });
  if (r.error) throw new Error(`check ${args.join(" ")} did not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Write = typeof process.stdout.write;

/** A stand-in for `stream.write` that appends to `sink` and honours the callback. */
function capture(sink: string[]): Write {
  const write = (
    chunk: string | Uint8Array,
    encodingOrCallback?: BufferEncoding | ((err?: Error | null) => void),
    callback?: (err?: Error | null) => void,
  ): boolean => {
    sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (done) process.nextTick(done);
    return true;
  };
  return write as Write;
}

let running = false;

/**
 * Runs the CLI's `main` in this process with `cwd` as the project directory (what the entry file
 * passes as `process.cwd()`), capturing everything written to stdout and stderr meanwhile,
 * console output included. One run at a time: the capture is process-wide.
 */
export async function checkInProcess(
  args: readonly string[],
  opts: Pick<CheckOptions, "cwd"> = {},
): Promise<CheckRun> {
  if (running) throw new Error("checkInProcess: a run is already capturing stdout and stderr");
  running = true;
  const out: string[] = [];
  const err: string[] = [];
  const { stdout, stderr } = process;
  const writes = { out: stdout.write, err: stderr.write };
  stdout.write = capture(out);
  stderr.write = capture(err);
  try {
    const status = await main(args, opts.cwd ?? PROJECT_DIR);
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.write = writes.out;
    stderr.write = writes.err;
    running = false;
  }
}

const shared = new Map<string, Promise<CheckRun>>();

/** {@link checkInProcess}, once per distinct `args` and `cwd` in this process. */
export function sharedCheck(
  args: readonly string[],
  opts: Pick<CheckOptions, "cwd"> = {},
): Promise<CheckRun> {
  const key = JSON.stringify([opts.cwd ?? PROJECT_DIR, args]);
  let run = shared.get(key);
  if (run === undefined) {
    run = checkInProcess(args, opts);
    shared.set(key, run);
  }
  return run;
}
