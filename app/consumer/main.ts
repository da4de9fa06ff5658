/**
 * Entry of the sample order consumer's container: the order projection in the shared state store,
 * or, with `BACKEND_URL`, each change recorded into that external backend.
 */
import { createHttpOrderBackend } from "../core/backend";
import { orderProjectionModule } from "../core/orders/projection";
import { orderBackendModule } from "../core/pipeline";
import { staticSecret } from "../core/secrets";
import { runContainer } from "./run";

runContainer((env) =>
  env.backendUrl === undefined
    ? orderProjectionModule
    : orderBackendModule(
        createHttpOrderBackend({
          baseUrl: env.backendUrl,
          apiKey: staticSecret(env.backendApiKey),
        }),
      ),
);
