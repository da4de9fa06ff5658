/**
 * Entry of the sample order consumer's Lambda (`index.handler`, `index.queueHandler`): the order
 * projection in the shared state store, or, with `BACKEND_URL`, each change recorded into that
 * external backend with the API key from Secrets Manager. The AWS SDK is imported lazily, on the
 * first invocation that needs the secret, so cold starts without that need do not pay for it.
 */
import { createHttpOrderBackend } from "../core/backend";
import { orderProjectionModule } from "../core/orders/projection";
import { orderBackendModule } from "../core/pipeline";
import { staticSecret } from "../core/secrets";
import { createLambdaHandlers } from "./run";
import { createCachedSecret } from "./secret";

const handlers = createLambdaHandlers((env) => {
  if (env.backendUrl === undefined) return orderProjectionModule;
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
  return orderBackendModule(createHttpOrderBackend({ baseUrl: env.backendUrl, apiKey }));
});

/** The handler Lambda invokes for EventBridge events. */
export const handler = handlers.handler;

/** The handler the consumer's SQS event source invokes: one EventBridge event per record. */
export const queueHandler = handlers.queueHandler;
