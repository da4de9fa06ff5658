/**
 * Container runtime for any consumer module: read the environment once, open the state store,
 * build the app, listen on `PORT`, and on SIGTERM (Cloud Run sends it 10 s before SIGKILL) stop
 * accepting connections, let in-flight requests finish, and exit. Entries (main.ts for the sample,
 * app/audit/container.ts) only name their module.
 */
import type { FastifyInstance } from "fastify";
import { errorMessage } from "../core/errors";
import { batchedStdout } from "../core/log-sink";
import { createLogger, type Logger } from "../core/logger";
import { Metrics } from "../core/metrics";
import type { ConsumerModule } from "../core/module";
import { createModuleProcessor } from "../core/pipeline";
import { openStateStore } from "../core/state/env";
import type { StateStore } from "../core/state/store";
import { createApp } from "./app";
import { createPushTokenVerifier } from "./auth";
import { loadConsumerEnv, type ConsumerEnv } from "./env";

/** In-flight work gets this long after SIGTERM; the rest of Cloud Run's 10 s is margin. */
const DRAIN_DEADLINE_MS = 8000;

/** Builds the consumer's module from its environment and its state store. */
export type ModuleFactory<E> = (env: ConsumerEnv, store: StateStore) => ConsumerModule<E>;

/** Runs the container for the module `build` returns; exits the process on fatal errors. */
export function runContainer<E>(build: ModuleFactory<E>): void {
  main(build).catch((err: unknown) => {
    createLogger().error("consumer crashed", { error: err });
    process.exit(1);
  });
}

async function main<E>(build: ModuleFactory<E>): Promise<void> {
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
  const store = await openStateStore(env.state, env.consumerName, {
    dynamodb: () => import("../core/state/dynamodb"),
    firestore: () => import("../core/state/firestore"),
  });
  const app = createApp({
    authMode: env.authMode,
    ...(env.oidc === undefined ? {} : { verifyToken: createPushTokenVerifier(env.oidc) }),
    process: createModuleProcessor(build(env, store), { store, metrics }),
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
    state_store: env.state.kind,
    backend: env.backendUrl === undefined ? "none" : env.backendUrl.origin,
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
