import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * `/proc/<pid>/stat` (proc(5)): the fields after the command name, which is in parentheses and
 * may itself hold spaces or parentheses, so it is cut at the last `)`. Index 0 is field 3 (the
 * state), so field N of proc(5) is index N - 3: utime (14) is 11, stime (15) is 12.
 */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

let clockTicks: number | undefined;

/**
 * CPU time a process has used so far, all its threads, user and system, in µs: utime + stime of
 * `/proc/<pid>/stat` (with `reapedChildren`, also cutime + cstime: the children it has waited
 * for), divided by `sysconf(_SC_CLK_TCK)` (proc(5)), which is read once, on first use.
 */
export function processCpuMicros(
  pid: number | "self",
  options: { readonly reapedChildren?: boolean } = {},
): number {
  clockTicks ??= Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
  const fields = statFields(readFileSync(`/proc/${pid}/stat`, "utf8"));
  // Fields 14-17 of proc(5): utime, stime, cutime, cstime.
  const own = Number(fields[11]) + Number(fields[12]);
  const children = options.reapedChildren === true ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((own + children) / clockTicks) * 1e6;
}
