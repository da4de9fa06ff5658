import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  enterRunDir,
  leaveRunDir,
  RAM_FOLDER_MIN_FREE_BYTES,
  registerRunProcess,
  RUN_DIR_ENV,
  runDir,
  runFolderBase,
} from "./run-dir";
import { statFields } from "./proc-stat";

/** /proc/mounts as a Debian VM and a Docker container show it (proc(5) fields). */
const MOUNTS = {
  vm: [
    "/dev/vda / ext4 rw,relatime,discard 0 0",
    "tmpfs /dev/shm tmpfs rw,relatime,size=24683652k 0 0",
  ].join("\n"),
  noexec: "shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=24683652k 0 0",
  notTmpfs: "/dev/vdb /dev/shm ext4 rw,relatime 0 0",
  none: "/dev/vda / ext4 rw,relatime 0 0",
};
const GIB = 1024 ** 3;

/** Whether process `pid` runs (a zombie has ended; proc(5): the state follows the name). */
const runs = (pid: number): boolean => {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return statFields(stat)[0] !== "Z";
};

describe("where the run's temporary folder is made", () => {
  const noTmpdir = { TMPDIR: undefined };
  it("Compliance 1: in RAM (/dev/shm) when it is a tmpfs that allows exec and has room for a run", () => {
    assert.equal(
      runFolderBase(
        noTmpdir,
        () => MOUNTS.vm,
        () => 24 * GIB,
      ),
      "/dev/shm",
    );
  });
  it("Compliance 2: where the user's TMPDIR says, whatever /dev/shm is", () => {
    assert.equal(
      runFolderBase(
        { TMPDIR: "/scratch" },
        () => MOUNTS.vm,
        () => 24 * GIB,
      ),
      "/scratch",
    );
  });
  for (const [name, mounts, free] of [
    ["mounted noexec", () => MOUNTS.noexec, 24 * GIB],
    ["not a tmpfs", () => MOUNTS.notTmpfs, 24 * GIB],
    ["absent", () => MOUNTS.none, 24 * GIB],
    ["too small (Docker's default 64 MB)", () => MOUNTS.vm, 64 * 1024 ** 2],
    ["just under the run's need", () => MOUNTS.vm, RAM_FOLDER_MIN_FREE_BYTES - 1],
    [
      "unknown (no /proc/mounts)",
      () => {
        throw new Error("ENOENT: /proc/mounts");
      },
      24 * GIB,
    ],
  ] as const) {
    it(`Noncompliance: the system's temporary folder when /dev/shm is ${name}`, () => {
      assert.equal(
        runFolderBase(noTmpdir, mounts, () => free),
        tmpdir(),
      );
    });
  }
});

describe("the run's temporary folder", () => {
  it("Compliance 1: temporary folders made during the run land in it, and leaving removes them all", async () => {
    const before = { tmp: process.env.TMPDIR, run: process.env[RUN_DIR_ENV] };
    const run = enterRunDir();
    try {
      assert.equal(tmpdir(), run.dir);
      assert.equal(runDir(), run.dir);
      assert.equal(statSync(run.dir).mode & 0o7777, 0o1777);
      const made = mkdtempSync(join(tmpdir(), "eventstack-probe-"));
      writeFileSync(join(made, "file.txt"), "x");
      assert.ok(made.startsWith(`${run.dir}/`), made);
    } finally {
      await leaveRunDir(run);
    }
    assert.equal(existsSync(run.dir), false);
    assert.equal(process.env.TMPDIR, run.previousTmpdir);
    assert.equal(process.env.TMPDIR, before.tmp);
    assert.equal(process.env[RUN_DIR_ENV], undefined);
    if (before.run !== undefined) process.env[RUN_DIR_ENV] = before.run;
  });

  it("Compliance 2: a process group handed to the run is stopped when the run ends", async () => {
    const before = process.env[RUN_DIR_ENV];
    const run = enterRunDir();
    // A shell leading its own group with a child of its own, as the emulator's launcher runs java.
    const leader = spawn("sh", ["-c", "sleep 300 & echo $!; wait"], {
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const pid = leader.pid;
    assert.ok(pid !== undefined, "sh started");
    const sleeper = await new Promise<number>((resolve) =>
      leader.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    try {
      registerRunProcess("probe", pid);
      assert.equal(runs(sleeper), true);
    } finally {
      await leaveRunDir(run);
      if (before !== undefined) process.env[RUN_DIR_ENV] = before;
    }
    assert.equal(runs(sleeper), false, `sleep ${sleeper} of group ${pid} still runs`);
    if (leader.exitCode === null && leader.signalCode === null) {
      await new Promise((resolve) => leader.once("exit", resolve));
    }
    assert.equal(leader.signalCode, "SIGTERM");
  });

  it("Noncompliance 1: handing a process to the run outside a run names the variable", () => {
    const before = process.env[RUN_DIR_ENV];
    delete process.env[RUN_DIR_ENV];
    try {
      assert.throws(
        () => registerRunProcess("probe", 4242),
        new RegExp(`registerRunProcess\\(probe\\): ${RUN_DIR_ENV} is not set`),
      );
    } finally {
      if (before !== undefined) process.env[RUN_DIR_ENV] = before;
    }
  });
});
