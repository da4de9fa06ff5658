/**
 * The backend API key from Secrets Manager, fetched on first use and cached for the life of the
 * instance (one call per cold start, not per event). A failed fetch is not cached, so the next
 * invocation retries it.
 */
import type { GetSecretValueCommandOutput } from "@aws-sdk/client-secrets-manager";
import { RetryableError, errorMessage } from "../core/errors";
import { Secret, type SecretSource } from "../core/secrets";

/** The one Secrets Manager call used: `createSdkSecretsClient` in production, a fake in tests. */
export interface SecretsManagerLike {
  getSecretValue(secretId: string): Promise<Pick<GetSecretValueCommandOutput, "SecretString">>;
}

/** Options of `createCachedSecret`. */
export interface CachedSecretOptions {
  readonly secretArn: string;
  /** Called once, on first use, so the client (and the SDK) is only loaded when needed. */
  readonly client: () => SecretsManagerLike | Promise<SecretsManagerLike>;
}

/** A `SecretSource` backed by Secrets Manager with per-instance caching. */
export function createCachedSecret(options: CachedSecretOptions): SecretSource {
  let client: Promise<SecretsManagerLike> | undefined;
  let cached: Promise<Secret> | undefined;
  const load = async (): Promise<Secret> => {
    let value: string | undefined;
    try {
      client ??= Promise.resolve(options.client());
      ({ SecretString: value } = await (await client).getSecretValue(options.secretArn));
    } catch (err) {
      client = undefined;
      throw new RetryableError(`could not read secret ${options.secretArn}: ${errorMessage(err)}`, {
        cause: err,
      });
    }
    if (typeof value !== "string" || value.length === 0) {
      throw new RetryableError(
        `secret ${options.secretArn} has no SecretString (binary or empty secrets are not supported)`,
      );
    }
    return new Secret(value);
  };
  return () => {
    cached ??= load().catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}
