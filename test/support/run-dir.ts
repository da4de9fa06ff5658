/**
 * One temporary folder per test run, so a run leaves the system's temporary folder as it found
 * it: the run's first process (mocha's global setup, test/support/root-hooks.ts) makes it and
 * points `TMPDIR` at it, so every `mkdtempSync(join(tmpdir(), …))` of a test, of the code under
 * test and of the processes they start lands inside it; the global teardown removes it with
 * everything in it. `os.tmpdir()` reads `TMPDIR` on each call
 * (https://nodejs.org/api/os.html#ostmpdir), and mocha's `--parallel` workers are child
 * processes that inherit this environment (https://mochajs.org/#global-fixtures).
 *
 * The folder also holds what the run's processes share, such as the Firestore emulator the
 * first test needing it starts (test/app/support/firestore-emulator.ts).
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { statFields } from "./proc-stat";

/** The environment variable naming this run's folder (an absolute path). */
export const RUN_DIR_ENV = "EVENTSTACK_TEST_RUN_DIR";

/** What {@link enterRunDir} changed, for {@link leaveRunDir} to restore. */
export interface RunDir {
  readonly dir: string;
  readonly previousTmpdir: string | undefined;
}

/** Free space a RAM-backed folder must have to hold a run (the pack's `npm install` is ~155 MB). */
export const RAM_FOLDER_MIN_FREE_BYTES = 2 * 1024 ** 3;

/**
 * Where the run's folder is made: `TMPDIR` when the user set it; else Linux's RAM-backed
 * `/dev/shm` when it is a tmpfs mounted without `noexec` with room for a run; else the system's
 * temporary folder. On this project's 2-core machine a run on the disk-backed /tmp spent about
 * 24 s of kernel CPU, half of it creating and deleting files (the pack's `npm install` alone
 * about 6 s); on tmpfs the run's kernel time fell to about 13 s and its wall time by about 3 s.
 * (A Docker container's /dev/shm is 64 MB by default, so the free-space test sends it to /tmp.)
 */
export function runFolderBase(
  env: Readonly<Record<string, string | undefined>> = process.env,
  mounts: () => string = () => readFileSync("/proc/mounts", "utf8"),
  freeBytes: (dir: string) => number = (dir) => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  },
): string {
  if (env.TMPDIR !== undefined && env.TMPDIR !== "") return env.TMPDIR;
  let table: string;
  try {
    table = mounts();
  } catch {
    return tmpdir();
  }
  // proc(5): device, mount point, type, options (comma-separated), …
  const shm = table
    .split("\n")
    .map((line) => line.split(" "))
    .find(([, point]) => point === "/dev/shm");
  if (shm === undefined || shm[2] !== "tmpfs" || (shm[3] ?? "").split(",").includes("noexec")) {
    return tmpdir();
  }
  try {
    return freeBytes("/dev/shm") >= RAM_FOLDER_MIN_FREE_BYTES ? "/dev/shm" : tmpdir();
  } catch {
    return tmpdir();
  }
}

/** Makes the run's folder, points `TMPDIR` at it and names it in {@link RUN_DIR_ENV}. */
export function enterRunDir(base: string = runFolderBase()): RunDir {
  const previousTmpdir = process.env.TMPDIR;
  const dir = mkdtempSync(join(base, "eventstack-test-run-"));
  // As open as /tmp (sticky, everyone may write): mkdtemp makes it 0700, which would keep out a
  // test's process run as another user (test/policies/offline/cli-process.test.ts).
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  process.env[RUN_DIR_ENV] = dir;
  return { dir, previousTmpdir };
}

/**
 * Stops every process group registered with {@link registerRunProcess}, restores `TMPDIR` and
 * removes the run's folder and everything in it.
 */
export async function leaveRunDir(run: RunDir): Promise<void> {
  await stopRunProcesses(run.dir);
  if (run.previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = run.previousTmpdir;
  delete process.env[RUN_DIR_ENV];
  rmSync(run.dir, { recursive: true, force: true });
}

/** This run's folder, when a run's first process made one (see {@link enterRunDir}). */
export function runDir(): string | undefined {
  const dir = process.env[RUN_DIR_ENV];
  return dir === undefined || dir === "" ? undefined : dir;
}

const processesDir = (dir: string): string => join(dir, "processes");

/**
 * Hands the process group `pid` leads (a process started with `detached: true`) to the run, which
 * stops it at its end; for a server the run's processes share. Throws outside a run.
 */
export function registerRunProcess(name: string, pid: number): void {
  const dir = runDir();
  if (dir === undefined) throw new Error(`registerRunProcess(${name}): ${RUN_DIR_ENV} is not set`);
  mkdirSync(processesDir(dir), { recursive: true });
  writeFileSync(join(processesDir(dir), `${name}-${pid}.json`), JSON.stringify({ name, pid }));
}

/**
 * Whether a process of group `pgid` still runs. A member that has exited stays a zombie until its
 * parent reaps it and still counts for `kill(-pgid, 0)`, so on Linux the group's members are read
 * from /proc/<pid>/stat (state and pgrp follow the parenthesised command name; proc(5)).
 */
function alive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return false;
    }
    const [state, , pgrp] = statFields(stat);
    return Number(pgrp) === pgid && state !== "Z";
  });
}

/** SIGTERM to each registered group, SIGKILL to a group still there after 10 s. */
async function stopRunProcesses(dir: string): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(processesDir(dir));
  } catch {
    return;
  }
  const groups: number[] = [];
  for (const file of files) {
    const doc: unknown = JSON.parse(readFileSync(join(processesDir(dir), file), "utf8"));
    if (typeof doc !== "object" || doc === null || !("pid" in doc) || typeof doc.pid !== "number")
      throw new Error(`${join(processesDir(dir), file)} must hold {"name", "pid"}`);
    groups.push(doc.pid);
  }
  for (const pgid of groups.filter(alive)) process.kill(-pgid, "SIGTERM");
  for (let waited = 0; waited < 10_000 && groups.some(alive); waited += 100) await sleep(100);
  for (const pgid of groups.filter(alive)) process.kill(-pgid, "SIGKILL");
}
