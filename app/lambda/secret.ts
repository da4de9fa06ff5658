/**
 * The backend API key from Secrets Manager, fetched on first use and cached for the life of the
 * instance (one call per cold start, not per event). A failed fetch is not cached, so the next
 * invocation retries it.
 */
import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
} from "@aws-sdk/client-secrets-manager";
import { RetryableError, errorMessage } from "../core/errors";
import { Secret, type SecretSource } from "../core/secrets";

/** The one client call used; a `SecretsManagerClient` satisfies it, tests pass a fake. */
export interface SecretsManagerLike {
  send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
}

/** Options of `createCachedSecret`. */
export interface CachedSecretOptions {
  readonly secretArn: string;
  /** Called once, on first use, so the SDK client is only built when a secret is configured. */
  readonly client: () => SecretsManagerLike;
}

/** A `SecretSource` backed by Secrets Manager with per-instance caching. */
export function createCachedSecret(options: CachedSecretOptions): SecretSource {
  let client: SecretsManagerLike | undefined;
  let cached: Promise<Secret> | undefined;
  const load = async (): Promise<Secret> => {
    client ??= options.client();
    let out: GetSecretValueCommandOutput;
    try {
      out = await client.send(new GetSecretValueCommand({ SecretId: options.secretArn }));
    } catch (err) {
      throw new RetryableError(`could not read secret ${options.secretArn}: ${errorMessage(err)}`, {
        cause: err,
      });
    }
    if (typeof out.SecretString !== "string" || out.SecretString.length === 0) {
      throw new RetryableError(
        `secret ${options.secretArn} has no SecretString (binary or empty secrets are not supported)`,
      );
    }
    return new Secret(out.SecretString);
  };
  return () => {
    cached ??= load().catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}
