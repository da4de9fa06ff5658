/**
 * Starts a policy pack the way `pulumi-analyzer-policy` does: Pulumi's `run-policy-pack` runner,
 * resolved from the pack's own dependencies, in the pack's folder, on a port of its choosing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { NODE } from "../../support/loader";

/**
 * Resolves with the running pack and the port it printed; rejects, with what it printed, if it
 * ends first. `spawned` receives the process at once, so a caller can stop it even if the start
 * never settles.
 */
export function startPack(
  dir: string,
  spawned?: (child: ChildProcess) => void,
): Promise<{ child: ChildProcess; port: number }> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
  const child = spawn(NODE, [runner, "127.0.0.1:0", "."], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned?.(child);
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m?.[1]) resolve({ child, port: Number(m[1]) });
    });
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    // 'close', not 'exit': its output may still be arriving when it exits (Node's child_process
    // docs, event 'exit').
    child.on("close", (code) => reject(new Error(`pack exited ${code}: ${err}${out}`)));
  });
}

/** Stops a started pack and resolves once it has exited (at once if it already has). */
export function stopPack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill();
  });
}
