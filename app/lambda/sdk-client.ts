/**
 * The real Secrets Manager client. Kept in its own module so the Lambda entry can import it
 * lazily: the SDK is loaded and initialised only on the first invocation that needs the secret,
 * not on every cold start.
 *
 * Every call is bounded: a connect timeout, a request timeout that throws (smithy's
 * `NodeHttpHandlerOptions`: without `throwOnRequestTimeout` a breach only logs a warning;
 * smithy-lang/smithy-typescript packages/types/src/http/httpHandlerInitialization.ts) and a
 * bounded number of attempts, so a hanging endpoint fails the invocation (retried by Lambda)
 * instead of holding it to the function timeout. The value is cached by Powertools Parameters
 * for `maxAgeSeconds`, so a rotated key is picked up without a cold start
 * (https://docs.aws.amazon.com/powertools/typescript/latest/features/parameters/#adjusting-cache-ttl).
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SecretsProvider } from "@aws-lambda-powertools/parameters/secrets";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { SecretsManagerLike } from "./secret";

/** Bounds and cache age of the client. */
export interface SdkSecretsOptions {
  /** How long a fetched value is reused, in seconds. */
  readonly maxAgeSeconds: number;
  /** TCP/TLS connect timeout per attempt. Default 1000 ms. */
  readonly connectTimeoutMs?: number;
  /** Whole request/response timeout per attempt. Default 2000 ms. */
  readonly requestTimeoutMs?: number;
  /** Attempts per fetch, the first included (SDK standard retry mode). Default 2. */
  readonly maxAttempts?: number;
}

/** A cached, bounded Secrets Manager reader (region and credentials from the Lambda environment). */
export function createSdkSecretsClient(options: SdkSecretsOptions): SecretsManagerLike {
  const client = new SecretsManagerClient({
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectTimeoutMs ?? 1000,
      requestTimeout: options.requestTimeoutMs ?? 2000,
      throwOnRequestTimeout: true,
    }),
  });
  const provider = new SecretsProvider({ awsSdkV3Client: client });
  return {
    getSecret: (secretId) => provider.get(secretId, { maxAge: options.maxAgeSeconds }),
  };
}
