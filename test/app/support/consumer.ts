/** Starts the real consumer app on a loopback port, with injectable collaborators. */
import type { AddressInfo } from "node:net";
import { InMemoryOrderBackend, type OrderBackend } from "../../../app/core/backend";
import { InMemoryIdempotencyStore } from "../../../app/core/idempotency";
import { Metrics } from "../../../app/core/metrics";
import { createEventProcessor } from "../../../app/core/pipeline";
import { createApp, type ConsumerDeps } from "../../../app/consumer/app";
import { captureLogs, type CapturedLogs } from "./logs";

export interface RunningConsumer {
  readonly url: string;
  readonly logs: CapturedLogs;
  readonly metrics: Metrics;
  readonly store: InMemoryIdempotencyStore;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<
  Pick<
    ConsumerDeps,
    "authMode" | "verifyToken" | "bodyLimitBytes" | "project" | "requestTimeoutMs" | "stallCutMs"
  >
> {
  readonly backend?: OrderBackend;
}

export async function startConsumer(options: StartOptions = {}): Promise<RunningConsumer> {
  const logs = captureLogs();
  const metrics = new Metrics();
  const store = new InMemoryIdempotencyStore();
  const app = createApp({
    authMode: options.authMode ?? "none",
    ...(options.verifyToken === undefined ? {} : { verifyToken: options.verifyToken }),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(options.requestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.stallCutMs === undefined ? {} : { stallCutMs: options.stallCutMs }),
    process: createEventProcessor({
      store,
      backend: options.backend ?? new InMemoryOrderBackend(),
      metrics,
    }),
    logger: logs.logger,
    metrics,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, logs, metrics, store, close: () => app.close() };
}

/** POSTs JSON (or a raw string) to the consumer and returns status and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: res.headers,
  };
}
