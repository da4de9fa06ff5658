/**
 * The real Secrets Manager client. Kept in its own module so the Lambda entry can import it
 * lazily: the SDK is loaded and initialised only on the first invocation that needs the secret,
 * not on every cold start.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SecretsManagerLike } from "./secret";

/** Wraps an SDK client (region and credentials from the Lambda environment). */
export function createSdkSecretsClient(client = new SecretsManagerClient({})): SecretsManagerLike {
  return {
    getSecretValue: (secretId) => client.send(new GetSecretValueCommand({ SecretId: secretId })),
  };
}
