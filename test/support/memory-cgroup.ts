/**
 * A memory cgroup for child processes, so a test or bench runs a bundle under the memory limit of
 * a real instance (Cloud Run's memory limit is a cgroup limit, and Node sizes V8's heap from it:
 * `process.constrainedMemory()`, https://nodejs.org/api/process.html#processconstrainedmemory).
 * Made under this process's own cgroup, v2 (`memory.max`) or v1 (`memory.limit_in_bytes`); where
 * neither can be written (no root, no delegation) the reason is returned instead, for the caller
 * to report or skip on.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface MemoryCgroup {
  readonly dir: string;
  readonly limitMiB: number;
  /** `command args…` wrapped so the process joins the group before it starts. */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] };
  /** Removes the group; its processes must have exited. */
  remove(): void;
}

let made = 0;

/** A file-system failure as its code (EACCES, EROFS, …), or its text. */
function failure(err: unknown): string {
  return err instanceof Error && "code" in err && typeof err.code === "string"
    ? err.code
    : String(err);
}

/** Own cgroup path of `controller` ("" for v2) from /proc/self/cgroup. */
function ownPath(controller: string): string | undefined {
  for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    if (controllers === undefined || path === undefined) continue;
    if (controller === "" ? controllers === "" : controllers.split(",").includes(controller)) {
      return path;
    }
  }
  return undefined;
}

function candidates(): { dir: string; limitFile: string }[] {
  const out: { dir: string; limitFile: string }[] = [];
  const v2 = ownPath("");
  if (v2 !== undefined && existsSync("/sys/fs/cgroup/cgroup.controllers")) {
    out.push({ dir: join("/sys/fs/cgroup", v2), limitFile: "memory.max" });
  }
  const v1 = ownPath("memory");
  if (v1 !== undefined && existsSync("/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
    out.push({ dir: join("/sys/fs/cgroup/memory", v1), limitFile: "memory.limit_in_bytes" });
  }
  return out;
}

/** A fresh memory cgroup limited to `limitMiB`, or why none can be made here. */
export function memoryCgroup(limitMiB: number): MemoryCgroup | { readonly unavailable: string } {
  const reasons: string[] = [];
  for (const { dir: parent, limitFile } of candidates()) {
    const dir = join(parent, `eventstack-${process.pid}-${made++}`);
    try {
      mkdirSync(dir);
    } catch (err) {
      reasons.push(`${parent}: ${failure(err)}`);
      continue;
    }
    try {
      writeFileSync(join(dir, limitFile), String(limitMiB * 1024 * 1024));
    } catch (err) {
      rmdirSync(dir);
      reasons.push(`${join(dir, limitFile)}: ${failure(err)}`);
      continue;
    }
    return {
      dir,
      limitMiB,
      wrap: (command, args) => ({
        command: "/bin/sh",
        // The shell joins the group, then becomes the command (same pid).
        args: ["-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', dir, command, ...args],
      }),
      remove: () => rmdirSync(dir),
    };
  }
  return {
    unavailable: reasons.length === 0 ? "no writable cgroup memory controller" : reasons.join("; "),
  };
}

/** `count` groups of `limitMiB` each, or none (and why): processes compared run under one limit. */
export function memoryCgroups(
  count: number,
  limitMiB: number,
): MemoryCgroup[] | { readonly unavailable: string } {
  const groups: MemoryCgroup[] = [];
  for (let i = 0; i < count; i++) {
    const group = memoryCgroup(limitMiB);
    if ("unavailable" in group) {
      for (const made of groups) made.remove();
      return group;
    }
    groups.push(group);
  }
  return groups;
}
