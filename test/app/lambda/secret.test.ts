import assert from "node:assert/strict";
import { RetryableError } from "../../../app/core/errors";
import { createSdkSecretsClient } from "../../../app/lambda/sdk-client";
import { createCachedSecret, type SecretsManagerLike } from "../../../app/lambda/secret";
import { startFakeSecretsManager, startHangingEndpoint } from "../support/lambda";

const ARN =
  "arn:aws:secretsmanager:eu-west-1:111122223333:secret:eventstack-prod/orders-api-key-AbCdEf";

/** The SDK reads region, credentials and endpoint from the environment, as in Lambda. */
function withAwsEnv(endpoint: string): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
  });
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

describe("Secrets Manager API key through the SDK client (loopback Secrets Manager)", function () {
  this.timeout(20_000);

  it("builds the client lazily and fetches the secret once for many invocations", async () => {
    const secrets = await startFakeSecretsManager({ [ARN]: "sk_1" });
    const restore = withAwsEnv(secrets.url);
    try {
      let built = 0;
      const source = createCachedSecret({
        secretArn: ARN,
        client: () => (built++, createSdkSecretsClient({ maxAgeSeconds: 300 })),
      });
      assert.equal(built, 0);
      const values = await Promise.all([source(), source(), source()]);
      values.push(await source());
      assert.deepEqual(
        values.map((v) => v?.reveal()),
        ["sk_1", "sk_1", "sk_1", "sk_1"],
      );
      assert.equal(secrets.calls.length, 1);
      assert.equal(built, 1);
    } finally {
      restore();
      await secrets.close();
    }
  });

  it("picks up a rotated key once the cached value is older than maxAge", async () => {
    const values: Record<string, string> = { [ARN]: "sk_old" };
    const secrets = await startFakeSecretsManager(values);
    const restore = withAwsEnv(secrets.url);
    try {
      const source = createCachedSecret({
        secretArn: ARN,
        client: () => createSdkSecretsClient({ maxAgeSeconds: 1 }),
      });
      assert.equal((await source())?.reveal(), "sk_old");
      values[ARN] = "sk_new";
      assert.equal((await source())?.reveal(), "sk_old", "reused within maxAge");
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await source())?.reveal(), "sk_new");
      assert.equal(secrets.calls.length, 2);
    } finally {
      restore();
      await secrets.close();
    }
  });

  it("gives up on a hanging endpoint after a bounded number of attempts with a retryable error", async () => {
    const hanging = await startHangingEndpoint();
    const restore = withAwsEnv(hanging.url);
    try {
      const source = createCachedSecret({
        secretArn: ARN,
        client: () =>
          createSdkSecretsClient({ maxAgeSeconds: 300, requestTimeoutMs: 300, maxAttempts: 2 }),
      });
      await assert.rejects(
        source(),
        (err: Error) =>
          err instanceof RetryableError && /could not read secret .*timed? ?out/i.test(err.message),
      );
      assert.equal(hanging.connections, 2, "one connection per attempt, two attempts");
    } finally {
      restore();
      await hanging.close();
    }
  });

  it("does not cache a failure: the next invocation fetches again", async () => {
    const values: Record<string, string> = {};
    const secrets = await startFakeSecretsManager(values);
    const restore = withAwsEnv(secrets.url);
    try {
      const source = createCachedSecret({
        secretArn: ARN,
        client: () => createSdkSecretsClient({ maxAgeSeconds: 300 }),
      });
      await assert.rejects(source(), /could not read secret .*can't find the specified secret/);
      values[ARN] = "sk_2";
      assert.equal((await source())?.reveal(), "sk_2");
    } finally {
      restore();
      await secrets.close();
    }
  });

  it("refuses a binary-only secret with a retryable error", async () => {
    // A binary secret has SecretBinary and no SecretString.
    const binary: SecretsManagerLike = { getSecret: async () => new Uint8Array([1, 2, 3]) };
    const source = createCachedSecret({ secretArn: ARN, client: () => binary });
    await assert.rejects(source(), /has no SecretString/);
  });
});
