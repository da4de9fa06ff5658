/**
 * Lambda runtime for any consumer module: the environment is read and collaborators are built
 * once per instance, at init; the state store is opened by the first invocation (the DynamoDB
 * client, like the Secrets Manager one, is imported lazily, so it loads only when configured).
 * Entries (index.ts for the sample, app/audit/lambda.ts) only name their module.
 */
import type { ConsumerModule } from "../core/module";
import { createLogger, type Logger } from "../core/logger";
import { Metrics } from "../core/metrics";
import { createModuleProcessor, type EventProcessor } from "../core/pipeline";
import { openStateStore } from "../core/state/env";
import type { StateStore } from "../core/state/store";
import { loadLambdaEnv, type LambdaEnv } from "./env";
import { createHandler, type EventBridgeHandler } from "./handler";
import { createQueueHandler, type QueueHandler } from "./queue-handler";

/** Builds the consumer's module from its environment, its logger and its state store. */
export type LambdaModuleFactory<E> = (
  env: LambdaEnv,
  store: StateStore,
  logger: Logger,
) => ConsumerModule<E>;

/** The two handlers Lambda may invoke: `handler` (EventBridge) and `queueHandler` (SQS batch). */
export interface LambdaHandlers {
  readonly handler: EventBridgeHandler;
  readonly queueHandler: QueueHandler;
}

/** Builds the handlers for the module `build` returns. */
export function createLambdaHandlers<E>(build: LambdaModuleFactory<E>): LambdaHandlers {
  const env = loadLambdaEnv(process.env);
  const logger = createLogger({
    level: env.logLevel,
    fields: {
      consumer: env.consumerName,
      ...(env.functionName === undefined ? {} : { function: env.functionName }),
    },
  });
  const metrics = new Metrics();
  let processor: Promise<EventProcessor> | undefined;
  const open = async (): Promise<EventProcessor> => {
    const store = await openStateStore(env.state, env.consumerName, {
      dynamodb: () => import("../core/state/dynamodb"),
    });
    return createModuleProcessor(build(env, store, logger), { store, metrics });
  };
  const handler = createHandler({
    process: async (event, log) => {
      processor ??= open().catch((err: unknown) => {
        processor = undefined;
        throw err;
      });
      return (await processor)(event, log);
    },
    logger,
    consumerName: env.consumerName,
  });
  const queueHandler = createQueueHandler(handler, (messageId, error) =>
    logger.warn("record returned to the queue", { sqs_message_id: messageId, error }),
  );
  return { handler, queueHandler };
}
