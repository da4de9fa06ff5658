/** Runs a bundle as a child process with the project's Node 24 and watches its JSON log lines. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { NODE } from "./bundles";

export interface Child {
  readonly proc: ChildProcessWithoutNullStreams;
  /** Parsed stdout JSON lines so far. */
  readonly lines: Record<string, unknown>[];
  /** Raw stdout + stderr so far. */
  output(): string;
  /** Resolves with the first line whose message matches (waits for it). */
  waitForLine(message: string | RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

/** Spawns `node <args…>` with only PATH and `env` in its environment. */
export function run(args: readonly string[], env: Record<string, string>): Child {
  const proc = spawn(NODE, args, {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let raw = "";
  let pending = "";
  const waiters: {
    test: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }[] = [];
  proc.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    raw += chunk;
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const text = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (raw += chunk));
  const exited = new Promise<number | string>((resolve) =>
    proc.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const matches = (message: string | RegExp) => (l: Record<string, unknown>) =>
    typeof message === "string" ? l.message === message : message.test(String(l.message));
  return {
    proc,
    lines,
    output: () => raw,
    exited,
    waitForLine(message, timeoutMs = 10_000) {
      const seen = lines.find(matches(message));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no log line ${String(message)} within ${timeoutMs} ms; output:\n${raw}`),
            ),
          timeoutMs,
        );
        waiters.push({
          test: matches(message),
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`process exited before logging ${String(message)}; output:\n${raw}`));
        });
      });
    },
  };
}
