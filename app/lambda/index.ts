/**
 * Lambda entry (`index.handler`): the environment is read and collaborators are built once per
 * instance, at init. The AWS SDK is imported lazily, on the first invocation that needs the
 * secret, so cold starts without that need do not pay for loading it.
 */
import { InMemoryOrderBackend, createHttpOrderBackend } from "../core/backend";
import { InMemoryIdempotencyStore } from "../core/idempotency";
import { createLogger } from "../core/logger";
import { Metrics } from "../core/metrics";
import { createEventProcessor } from "../core/pipeline";
import { staticSecret } from "../core/secrets";
import { loadLambdaEnv } from "./env";
import { createHandler } from "./handler";
import { createQueueHandler } from "./queue-handler";
import { createCachedSecret } from "./secret";

const env = loadLambdaEnv(process.env);
const logger = createLogger({
  level: env.logLevel,
  fields: {
    consumer: env.consumerName,
    ...(env.functionName === undefined ? {} : { function: env.functionName }),
  },
});
const apiKey =
  env.secretArn === undefined
    ? staticSecret(undefined)
    : createCachedSecret({
        secretArn: env.secretArn,
        client: async () =>
          (await import("./sdk-client")).createSdkSecretsClient({
            maxAgeSeconds: env.secretMaxAgeSeconds,
          }),
      });
const backend =
  env.backendUrl === undefined
    ? new InMemoryOrderBackend()
    : createHttpOrderBackend({ baseUrl: env.backendUrl, apiKey });

/** The handler Lambda invokes. */
export const handler = createHandler({
  process: createEventProcessor({
    store: new InMemoryIdempotencyStore(),
    backend,
    metrics: new Metrics(),
  }),
  logger,
  consumerName: env.consumerName,
});

/** The handler the consumer's SQS event source invokes: one EventBridge event per record. */
export const queueHandler = createQueueHandler(handler, (messageId, error) =>
  logger.warn("record returned to the queue", { sqs_message_id: messageId, error }),
);
