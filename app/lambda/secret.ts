/**
 * The backend API key from Secrets Manager. The client (and with it the SDK) is built on first
 * use; the client caches the value for a bounded age (see sdk-client.ts), so a rotated key is
 * picked up by a warm instance. Concurrent first calls share one fetch. A failed fetch is not
 * cached, so the next invocation retries it.
 */
import { RetryableError, errorMessage } from "../core/errors";
import { Secret, type SecretSource } from "../core/secrets";

/** The one Secrets Manager read used: `createSdkSecretsClient` in production, a fake in tests. */
export interface SecretsManagerLike {
  /** The secret's value (`SecretString`, or bytes for a binary secret), from cache when fresh. */
  getSecret(secretId: string): Promise<string | Uint8Array | undefined>;
}

/** Options of `createCachedSecret`. */
export interface CachedSecretOptions {
  readonly secretArn: string;
  /** Called once, on first use, so the client (and the SDK) is only loaded when needed. */
  readonly client: () => SecretsManagerLike | Promise<SecretsManagerLike>;
}

/** A `SecretSource` backed by Secrets Manager through a caching client. */
export function createCachedSecret(options: CachedSecretOptions): SecretSource {
  let client: Promise<SecretsManagerLike> | undefined;
  let inFlight: Promise<Secret> | undefined;
  const load = async (): Promise<Secret> => {
    let value: string | Uint8Array | undefined;
    try {
      client ??= Promise.resolve(options.client());
      value = await (await client).getSecret(options.secretArn);
    } catch (err) {
      client = undefined;
      throw new RetryableError(`could not read secret ${options.secretArn}: ${describe(err)}`, {
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
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/** Powertools wraps SDK failures; the cause says what actually happened (timeout, not found). */
function describe(err: unknown): string {
  const message = errorMessage(err);
  const cause = err instanceof Error && err.cause !== undefined ? errorMessage(err.cause) : "";
  return cause === "" || message.includes(cause) ? message : `${message}: ${cause}`;
}
