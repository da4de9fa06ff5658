/**
 * Invokes the built Lambda bundle the way the Node.js runtime does: a fresh process imports
 * `index.mjs` and calls `handler(event, context)` for each event, in order.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { run } from "./process";

export type Invocation =
  { ok: Record<string, unknown> } | { error: { name: string; message: string } };

const INVOKER = `
const handler = (await import(process.argv[1]))[process.argv[4]];
const { readFileSync } = await import("node:fs");
const gapMs = Number(process.argv[3]);
const results = [];
for (const [i, event] of JSON.parse(readFileSync(process.argv[2], "utf8")).entries()) {
  if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  try {
    results.push({ ok: await handler(event, { awsRequestId: crypto.randomUUID() }) });
  } catch (err) {
    results.push({ error: { name: err.name, message: err.message } });
  }
}
process.stderr.write("INVOCATIONS " + JSON.stringify(results) + "\\n");
`;

export interface InvokeResult {
  readonly results: Invocation[];
  /** Every stdout line the bundle wrote (logs and EMF metrics), parsed. */
  readonly lines: Record<string, unknown>[];
  /** Raw stdout and stderr. */
  readonly output: string;
}

/**
 * Invokes `file`'s handler with each event in turn; `gapMs` waits between invocations (as a warm
 * instance idles between events). Events travel in a file, so they may be large; pass JSON text
 * for events `JSON.stringify` cannot produce (nesting deeper than its recursion allows).
 * `entry` names the exported handler: `handler` (EventBridge) or `queueHandler` (SQS batches).
 */
export async function invokeBundle(
  file: string,
  events: unknown[] | string,
  env: Record<string, string> = {},
  gapMs = 0,
  entry: "handler" | "queueHandler" = "handler",
): Promise<InvokeResult> {
  const eventsFile = join(mkdtempSync(join(tmpdir(), "eventstack-events-")), "events.json");
  writeFileSync(eventsFile, typeof events === "string" ? events : JSON.stringify(events));
  const child = run(
    [
      "--enable-source-maps",
      "--input-type=module",
      "-e",
      INVOKER,
      pathToFileURL(file).href,
      eventsFile,
      String(gapMs),
      entry,
    ],
    env,
  );
  const code = await child.exited;
  const output = child.output();
  const marker = /^INVOCATIONS (.*)$/m.exec(output);
  if (code !== 0 || marker?.[1] === undefined)
    throw new Error(`invoker exited ${code}:\n${output}`);
  return { results: JSON.parse(marker[1]) as Invocation[], lines: child.lines, output };
}

/** A loopback Secrets Manager (awsJson1_1 GetSecretValue) that counts the calls it answers. */
export async function startFakeSecretsManager(secrets: Record<string, string>): Promise<{
  readonly url: string;
  readonly calls: { target: string; secretId: string }[];
  close(): Promise<void>;
}> {
  const calls: { target: string; secretId: string }[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8").on("data", (c: string) => (text += c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"]);
      const { SecretId } = JSON.parse(text) as { SecretId: string };
      calls.push({ target, secretId: SecretId });
      const value = secrets[SecretId];
      res.setHeader("content-type", "application/x-amz-json-1.1");
      if (target !== "secretsmanager.GetSecretValue" || value === undefined) {
        res.writeHead(400).end(
          JSON.stringify({
            __type: "ResourceNotFoundException",
            message: "Secrets Manager can't find the specified secret.",
          }),
        );
        return;
      }
      res.writeHead(200).end(
        JSON.stringify({
          ARN: SecretId,
          Name: SecretId.split(":").at(-1),
          SecretString: value,
          VersionId: "7b2f5e1c-0d4a-4c3e-9f8a-1e2d3c4b5a69",
          VersionStages: ["AWSCURRENT"],
          CreatedDate: 1763629200,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP endpoint that accepts connections and never answers: a hanging dependency. */
export async function startHangingEndpoint(): Promise<{
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createNetServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
