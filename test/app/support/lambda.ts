/**
 * Invokes the built Lambda bundle the way the Node.js runtime does: a fresh process imports
 * `index.mjs` and calls `handler(event, context)` for each event, in order.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { run } from "./process";

export type Invocation =
  { ok: Record<string, unknown> } | { error: { name: string; message: string } };

const INVOKER = `
const { handler } = await import(process.argv[1]);
const results = [];
for (const event of JSON.parse(process.argv[2])) {
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

export async function invokeBundle(
  file: string,
  events: unknown[],
  env: Record<string, string> = {},
): Promise<InvokeResult> {
  const child = run(
    [
      "--enable-source-maps",
      "--input-type=module",
      "-e",
      INVOKER,
      pathToFileURL(file).href,
      JSON.stringify(events),
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
