/**
 * Container entry: read the environment once, build the app, listen on `PORT`, and on SIGTERM
 * (Cloud Run sends it 10 s before SIGKILL) stop accepting connections, let in-flight requests
 * finish, and exit.
 */
import type { FastifyInstance } from "fastify";
import { InMemoryOrderBackend, createHttpOrderBackend } from "../core/backend";
import { errorMessage } from "../core/errors";
import { InMemoryIdempotencyStore } from "../core/idempotency";
import { batchedStdout } from "../core/log-sink";
import { createLogger, type Logger } from "../core/logger";
import { Metrics } from "../core/metrics";
import { createEventProcessor } from "../core/pipeline";
import { staticSecret } from "../core/secrets";
import { createApp } from "./app";
import { createPushTokenVerifier } from "./auth";
import { loadConsumerEnv, type ConsumerEnv } from "./env";

/** In-flight work gets this long after SIGTERM; the rest of Cloud Run's 10 s is margin. */
const DRAIN_DEADLINE_MS = 8000;

async function main(): Promise<void> {
  let env: ConsumerEnv;
  try {
    env = loadConsumerEnv(process.env);
  } catch (err) {
    createLogger().error("consumer cannot start", { error: errorMessage(err) });
    process.exit(1);
  }
  const logger = createLogger({
    level: env.logLevel,
    write: batchedStdout().write,
    fields: {
      consumer: env.consumerName,
      ...(env.service === undefined ? {} : { service: env.service, revision: env.revision }),
    },
  });
  process.on("unhandledRejection", (reason) => {
    logger.error("unhandled rejection", { error: reason });
  });
  process.on("uncaughtException", (err) => {
    logger.error("uncaught exception; exiting", { error: err });
    process.exit(1);
  });

  const metrics = new Metrics();
  const backend =
    env.backendUrl === undefined
      ? new InMemoryOrderBackend()
      : createHttpOrderBackend({
          baseUrl: env.backendUrl,
          apiKey: staticSecret(env.backendApiKey),
        });
  const app = createApp({
    authMode: env.authMode,
    ...(env.oidc === undefined ? {} : { verifyToken: createPushTokenVerifier(env.oidc) }),
    process: createEventProcessor({ store: new InMemoryIdempotencyStore(), backend, metrics }),
    logger,
    metrics,
    ...(env.project === undefined ? {} : { project: env.project }),
  });

  // Handlers first: a SIGTERM that arrives while starting must still drain, not kill.
  drainOnSignal(app, logger, metrics);
  await app.listen({ port: env.port, host: "0.0.0.0" });
  const address = app.server.address();
  logger.info("consumer listening", {
    port: typeof address === "object" && address !== null ? address.port : env.port,
    auth_mode: env.authMode,
    backend: env.backendUrl === undefined ? "in-memory" : env.backendUrl.origin,
    backend_api_key: env.backendApiKey === undefined ? "absent" : "present",
  });
}

function drainOnSignal(app: FastifyInstance, logger: Logger, metrics: Metrics): void {
  let draining = false;
  const drain = (signal: NodeJS.Signals): void => {
    if (draining) return;
    draining = true;
    logger.info("shutdown started: no new connections, draining in-flight requests", { signal });
    const deadline = setTimeout(() => {
      logger.error("drain deadline passed; closing remaining connections", {
        deadline_ms: DRAIN_DEADLINE_MS,
      });
      app.server.closeAllConnections();
      process.exit(1);
    }, DRAIN_DEADLINE_MS);
    deadline.unref();
    app.close().then(
      () => {
        logger.info("shutdown complete", { signal, metrics: metrics.snapshot() });
        process.exit(0);
      },
      (err: unknown) => {
        logger.error("shutdown failed", { error: err });
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal during the drain must not fall back to the default (kill).
  process.on("SIGTERM", drain);
  process.on("SIGINT", drain);
}

main().catch((err: unknown) => {
  createLogger().error("consumer crashed", { error: err });
  process.exit(1);
});
