/**
 * Google's own Cloud Firestore emulator (the Debian package google-cloud-cli-firestore-emulator,
 * the same jar `gcloud emulators firestore start` runs), started by the test on a loopback port.
 * The official client reaches it through FIRESTORE_EMULATOR_HOST
 * (https://cloud.google.com/firestore/docs/emulator#server_client_libraries).
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { registerRunProcess, runDir } from "../../support/run-dir";

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

/** The line the emulator prints once it serves. */
const READY = "Dev App Server is now running";

/**
 * Starts the emulator (`launcher`, default the Debian package's) and waits until it serves; sets
 * FIRESTORE_EMULATOR_HOST for this process. Rejects, naming the package, when it is not installed.
 *
 * In a test run (test/support/run-dir.ts) the package's emulator is started once, by the first
 * process asking, and shared by the run's processes (each test keeps to its own namespace);
 * `close()` then only unsets FIRESTORE_EMULATOR_HOST and the run stops the emulator at its end.
 */
export async function startFirestoreEmulator(
  launcher: string = FIRESTORE_EMULATOR,
): Promise<LocalFirestore> {
  if (!existsSync(launcher)) {
    throw new Error(`${launcher} is missing: ${NEEDS}`);
  }
  const run = runDir();
  if (run !== undefined && launcher === FIRESTORE_EMULATOR) {
    const host = await sharedEmulator(run, launcher);
    process.env.FIRESTORE_EMULATOR_HOST = host;
    return {
      host,
      close: () => {
        delete process.env.FIRESTORE_EMULATOR_HOST;
        return Promise.resolve();
      },
    };
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
      if (output.includes(READY)) resolve();
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

/** How long a process waits for the emulator another process of the run is starting. */
const SHARED_START_MS = 120_000;

/**
 * The run's emulator, as host:port: the first process to create `<run>/firestore-emulator/`
 * (mkdir is atomic) starts it with its output in a log file there (it outlives that process),
 * registers its process group for the run's teardown and writes `ready.json` (or `failed.json`);
 * the others wait for one of the two.
 */
async function sharedEmulator(run: string, launcher: string): Promise<string> {
  const dir = join(run, "firestore-emulator");
  const ready = join(dir, "ready.json");
  const failed = join(dir, "failed.json");
  let first = true;
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    first = false;
  }
  const publish = (file: string, doc: object): void => {
    writeFileSync(`${file}.tmp`, JSON.stringify(doc));
    renameSync(`${file}.tmp`, file);
  };
  if (first) {
    try {
      publish(ready, { host: await launchDetached(launcher, dir) });
    } catch (err) {
      publish(failed, { message: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }
  for (let waited = 0; waited < SHARED_START_MS; waited += 100) {
    if (existsSync(ready)) {
      const doc: unknown = JSON.parse(readFileSync(ready, "utf8"));
      if (typeof doc === "object" && doc !== null && "host" in doc && typeof doc.host === "string")
        return doc.host;
      throw new Error(`${ready} must hold {"host": "<host:port>"}, got ${JSON.stringify(doc)}`);
    }
    if (existsSync(failed)) {
      const doc: unknown = JSON.parse(readFileSync(failed, "utf8"));
      throw new Error(`the run's firestore emulator did not start: ${JSON.stringify(doc)}`);
    }
    await sleep(100);
  }
  throw new Error(
    `the run's firestore emulator was not ready after ${SHARED_START_MS} ms (${dir})`,
  );
}

/** Starts the emulator in its own process group, output to `<dir>/emulator.log`; its host. */
async function launchDetached(launcher: string, dir: string): Promise<string> {
  const port = await freePort();
  const logFile = join(dir, "emulator.log");
  const log = openSync(logFile, "a");
  const proc = spawn(launcher, ["start", "--host=127.0.0.1", `--port=${port}`], {
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  proc.unref();
  let exited: string | undefined;
  proc.on("error", (err) => (exited = `did not start (${err.message})`));
  proc.on("exit", (code) => (exited = `exited ${code}`));
  if (proc.pid !== undefined) registerRunProcess("firestore-emulator", proc.pid);
  const output = (): string => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  for (let waited = 0; waited < SHARED_START_MS; waited += 100) {
    if (output().includes(READY)) return `127.0.0.1:${port}`;
    if (exited !== undefined) {
      throw new Error(`firestore emulator ${exited} (${NEEDS}):\n${output()}`);
    }
    await sleep(100);
  }
  throw new Error(
    `firestore emulator printed no "${READY}" in ${SHARED_START_MS} ms:\n${output()}`,
  );
}
