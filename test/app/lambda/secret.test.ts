import assert from "node:assert/strict";
import { RetryableError } from "../../../app/core/errors";
import { createCachedSecret, type SecretsManagerLike } from "../../../app/lambda/secret";

const ARN =
  "arn:aws:secretsmanager:eu-west-1:111122223333:secret:eventstack-prod/orders-api-key-AbCdEf";

type Answer = () => Promise<{ SecretString?: string }>;

/** A client that answers from a script and records the SecretId of each call. */
function scriptedClient(answers: Answer[]): SecretsManagerLike & { ids: string[] } {
  const ids: string[] = [];
  return {
    ids,
    getSecretValue(secretId) {
      ids.push(secretId);
      const next = answers.shift();
      if (next === undefined) throw new Error("unexpected call");
      return next();
    },
  };
}

describe("Secrets Manager API key with per-instance caching", () => {
  it("builds the client lazily and fetches the secret once for many invocations", async () => {
    const client = scriptedClient([async () => ({ SecretString: "sk_1" })]);
    let built = 0;
    const source = createCachedSecret({ secretArn: ARN, client: () => (built++, client) });
    assert.equal(built, 0);
    const values = await Promise.all([source(), source(), source()]);
    assert.deepEqual(
      values.map((v) => v?.reveal()),
      ["sk_1", "sk_1", "sk_1"],
    );
    assert.deepEqual(client.ids, [ARN]);
    assert.equal(built, 1);
  });

  it("does not cache a failure: the next invocation fetches again", async () => {
    const client = scriptedClient([
      async () => {
        throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
      },
      async () => ({ SecretString: "sk_2" }),
    ]);
    const source = createCachedSecret({ secretArn: ARN, client: () => client });
    await assert.rejects(
      source(),
      (err: Error) =>
        err instanceof RetryableError &&
        /could not read secret .*: Rate exceeded/.test(err.message),
    );
    assert.equal((await source())?.reveal(), "sk_2");
    assert.equal(client.ids.length, 2);
  });

  it("refuses a binary-only secret with a retryable error", async () => {
    // A binary secret has SecretBinary and no SecretString.
    const client = scriptedClient([async () => ({})]);
    const source = createCachedSecret({ secretArn: ARN, client: () => client });
    await assert.rejects(source(), /has no SecretString/);
  });
});
