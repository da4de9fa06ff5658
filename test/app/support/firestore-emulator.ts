/**
 * Google's own Cloud Firestore emulator (the Debian package google-cloud-cli-firestore-emulator,
 * the same jar `gcloud emulators firestore start` runs), started by the test on a loopback port.
 * The official client reaches it through FIRESTORE_EMULATOR_HOST
 * (https://cloud.google.com/firestore/docs/emulator#server_client_libraries).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";

/** Where the Debian package installs the emulator's launcher. */
export const FIRESTORE_EMULATOR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator";

export interface LocalFirestore {
  /** host:port, the value of FIRESTORE_EMULATOR_HOST. */
  readonly host: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What to install when the emulator cannot start: the tests using it fail, never skip. */
const NEEDS =
  "the Firestore tests need the Debian package google-cloud-cli-firestore-emulator and a Java runtime";

/**
 * Starts the emulator (`launcher`, default the Debian package's) and waits until it serves; sets
 * FIRESTORE_EMULATOR_HOST for this process. Rejects, naming the package, when it is not installed.
 */
export async function startFirestoreEmulator(
  launcher: string = FIRESTORE_EMULATOR,
): Promise<LocalFirestore> {
  if (!existsSync(launcher)) {
    throw new Error(`${launcher} is missing: ${NEEDS}`);
  }
  const port = await freePort();
  const proc: ChildProcess = spawn(launcher, ["start", "--host=127.0.0.1", `--port=${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (output.includes("Dev App Server is now running")) resolve();
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.on("error", (err) =>
      reject(new Error(`${launcher} did not start (${err.message}): ${NEEDS}`)),
    );
    // "close", not "exit": by then the launcher's last output has been read.
    proc.on("close", (code) =>
      reject(new Error(`firestore emulator exited ${code} (${NEEDS}):\n${output}`)),
    );
  });
  const host = `127.0.0.1:${port}`;
  process.env.FIRESTORE_EMULATOR_HOST = host;
  return {
    host,
    close: () =>
      new Promise<void>((resolve) => {
        delete process.env.FIRESTORE_EMULATOR_HOST;
        if (proc.exitCode !== null || proc.pid === undefined) {
          resolve();
          return;
        }
        proc.on("exit", () => resolve());
        // The launcher script runs java as a child: end the whole process group it leads.
        process.kill(-proc.pid, "SIGTERM");
      }),
  };
}
