import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { processCpuMicros, statFields } from "./proc-stat";

describe("statFields (/proc/<pid>/stat after the command name)", () => {
  it("cuts at the last parenthesis, so a command name with spaces and ') ' does not shift fields", () => {
    // proc(5) layout: pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
    // cmajflt utime stime …
    const stat = "4242 (node ) x) S 1 4242 4242 0 -1 4194560 812 0 0 0 37 5 0 0 20 0 11 0";
    const fields = statFields(stat);
    assert.equal(fields[0], "S", "state (field 3)");
    assert.equal(fields[2], "4242", "pgrp (field 5)");
    assert.equal(fields[11], "37", "utime (field 14)");
    assert.equal(fields[12], "5", "stime (field 15)");
  });

  it("reads this process's own entry: running, with its user CPU time as a tick count", () => {
    const fields = statFields(readFileSync("/proc/self/stat", "utf8"));
    assert.equal(fields[0], "R");
    assert.ok(Number.isInteger(Number(fields[11])) && Number(fields[11]) >= 0);
  });
});

describe("processCpuMicros (utime + stime of /proc/<pid>/stat, in µs)", () => {
  it("agrees with getrusage (process.cpuUsage) over 100 ms of busy work, to two clock ticks", () => {
    const proc0 = processCpuMicros("self");
    const usage0 = process.cpuUsage();
    const until = process.hrtime.bigint() + 100_000_000n;
    while (process.hrtime.bigint() < until);
    const usage = process.cpuUsage(usage0);
    const proc = processCpuMicros("self") - proc0;
    // /proc counts in clock ticks (10 ms at CLK_TCK 100), getrusage in µs.
    assert.ok(
      Math.abs(proc - (usage.user + usage.system)) <= 20_000,
      `${proc} vs ${JSON.stringify(usage)}`,
    );
    assert.ok(proc > 0);
  });
});
