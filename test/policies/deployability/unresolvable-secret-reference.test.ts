import assert from "node:assert/strict";
import { unresolvableSecretReference } from "../../../policies/deployability/rules/unresolvable-secret-reference";
import { res, run } from "./support";

/** Shaped like the mock GCP provider's Secret Manager secret (id = projects/…/secrets/…). */
const secret = {
  ...res("gcp:secretmanager/secret:Secret", "eventstack-secrets-orders-api-key", {
    secretId: "eventstack-dev-orders-api-key",
    project: "acme-events-dev",
    replication: { auto: {} },
  }),
  id: "projects/acme-events-dev/secrets/eventstack-dev-orders-api-key",
};
const version = res(
  "gcp:secretmanager/secretVersion:SecretVersion",
  "eventstack-secrets-orders-api-key-value",
  {
    secret: "projects/acme-events-dev/secrets/eventstack-dev-orders-api-key",
    secretData: "[secret]",
  },
);
const service = (ref: { secret: string; version: string }) =>
  res("gcp:cloudrunv2/service:Service", "eventstack-orders-service", {
    name: "eventstack-dev-orders",
    location: "europe-west1",
    template: {
      containers: [
        {
          image:
            "europe-west1-docker.pkg.dev/acme-events-dev/eventstack-dev-images/consumer@sha256:abc",
          envs: [
            { name: "CONSUMER_NAME", value: "orders" },
            { name: "BACKEND_API_KEY", valueSource: { secretKeyRef: ref } },
          ],
        },
      ],
    },
  });

const awsSecret = {
  ...res("aws:secretsmanager/secret:Secret", "eventstack-secrets-orders-api-key", {
    name: "eventstack-prod/orders-api-key",
  }),
  id: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:eventstack-prod/orders-api-key-3ce760",
};
const awsVersion = res("aws:secretsmanager/secretVersion:SecretVersion", "v", {
  secretId: awsSecret.id,
  secretString: "[secret]",
});
const fn = res("aws:lambda/function:Function", "eventstack-orders-fn", {
  name: "eventstack-prod-orders",
  environment: { variables: { CONSUMER_NAME: "orders", BACKEND_API_KEY_SECRET_ARN: awsSecret.id } },
});

describe("deployability-unresolvable-secret-reference", () => {
  it("Noncompliance 1: a Cloud Run env var reading a secret the stack gives no version", () => {
    const found = run(unresolvableSecretReference, [
      secret,
      service({ secret: "eventstack-dev-orders-api-key", version: "1" }),
    ]);
    assert.equal(found.length, 1);
    assert.match(
      found[0] ?? "",
      /env BACKEND_API_KEY reads secret "eventstack-dev-orders-api-key", which the stack creates without an enabled version/,
    );
    assert.match(found[0] ?? "", /pulumi config set --secret --path 'eventstack:secretValues/);
  });

  it("Noncompliance 2: a Cloud Run env var pinned to the latest alias", () => {
    const found = run(unresolvableSecretReference, [
      secret,
      version,
      service({ secret: "eventstack-dev-orders-api-key", version: "latest" }),
    ]);
    assert.equal(found.length, 1);
    assert.match(
      found[0] ?? "",
      /at version "latest": only a version number is strongly consistent/,
    );
  });

  it("Noncompliance 4: a Cloud Run env var reading a secret whose only version is disabled", () => {
    const disabled = { ...version, inputs: { ...version.inputs, enabled: false } };
    const found = run(unresolvableSecretReference, [
      secret,
      { ...disabled, outputs: disabled.inputs },
      service({ secret: "eventstack-dev-orders-api-key", version: "1" }),
    ]);
    assert.equal(found.length, 1);
    assert.match(found[0] ?? "", /which the stack creates without an enabled version/);
  });

  it("Compliance 1: a version number of a secret the stack gives a value", () => {
    assert.deepEqual(
      run(unresolvableSecretReference, [
        secret,
        version,
        service({ secret: "eventstack-dev-orders-api-key", version: "1" }),
      ]),
      [],
    );
  });

  it("Compliance 2: a secret the stack does not manage is not judged for its versions", () => {
    assert.deepEqual(
      run(unresolvableSecretReference, [service({ secret: "shared-api-key", version: "4" })]),
      [],
    );
  });

  it("Noncompliance 3: a Lambda environment naming a secret with no version", () => {
    const found = run(unresolvableSecretReference, [awsSecret, fn]);
    assert.equal(found.length, 1);
    assert.match(
      found[0] ?? "",
      /environment BACKEND_API_KEY_SECRET_ARN names secret "eventstack-prod\/orders-api-key".*ResourceNotFoundException/,
    );
  });

  it("Compliance 3: a Lambda environment naming a secret with a version", () => {
    assert.deepEqual(run(unresolvableSecretReference, [awsSecret, awsVersion, fn]), []);
  });
});
