import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enterRunDir, leaveRunDir, registerRunProcess, RUN_DIR_ENV, runDir } from "./run-dir";

/** Whether process `pid` runs (a zombie has ended; proc(5): the state follows the name). */
const runs = (pid: number): boolean => {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
};

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
