import assert from "node:assert/strict";
import { loadConsumerEnv } from "../../../app/consumer/env";
import { bundles } from "../support/bundles";
import { run } from "../support/process";

describe("consumer environment", () => {
  it("defaults to iam on Cloud Run, port 8080 and log level info", () => {
    const env = loadConsumerEnv({
      K_SERVICE: "orders-consumer",
      K_REVISION: "orders-consumer-00002-xyz",
    });
    assert.equal(env.authMode, "iam");
    assert.equal(env.port, 8080);
    assert.equal(env.logLevel, "info");
    assert.equal(env.service, "orders-consumer");
  });

  it("reads every contract variable", () => {
    const env = loadConsumerEnv({
      PORT: "9090",
      AUTH_MODE: "oidc",
      CONSUMER_NAME: "orders",
      LOG_LEVEL: "debug",
      OIDC_AUDIENCE: "https://orders-consumer-abc123-ew.a.run.app",
      PUSH_SERVICE_ACCOUNT_EMAIL: "eventstack-dev-push@eventstack-dev.iam.gserviceaccount.com",
      BACKEND_API_KEY: "k-123",
      GOOGLE_CLOUD_PROJECT: "eventstack-dev",
      K_SERVICE: "orders-consumer",
    });
    assert.equal(env.port, 9090);
    assert.deepEqual(env.oidc, {
      audience: "https://orders-consumer-abc123-ew.a.run.app",
      serviceAccountEmail: "eventstack-dev-push@eventstack-dev.iam.gserviceaccount.com",
      jwksUrl: new URL("https://www.googleapis.com/oauth2/v3/certs"),
    });
    assert.equal(env.backendApiKey?.reveal(), "k-123");
    assert.equal(env.project, "eventstack-dev");
  });

  it("reads OIDC_JWKS_URL, so a deployed container can be tested against another issuer", () => {
    const env = loadConsumerEnv({
      AUTH_MODE: "oidc",
      OIDC_AUDIENCE: "https://orders-consumer-abc123-ew.a.run.app",
      PUSH_SERVICE_ACCOUNT_EMAIL: "eventstack-dev-push@eventstack-dev.iam.gserviceaccount.com",
      OIDC_JWKS_URL: "http://127.0.0.1:8081/oauth2/v3/certs",
    });
    assert.equal(env.oidc?.jwksUrl.href, "http://127.0.0.1:8081/oauth2/v3/certs");
    assert.throws(
      () => loadConsumerEnv({ AUTH_MODE: "none", OIDC_JWKS_URL: "ftp://keys.example.com" }),
      /OIDC_JWKS_URL must be an http\(s\) URL \(got "ftp:\/\/keys.example.com"\)/,
    );
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    [
      "AUTH_MODE=none on Cloud Run",
      { AUTH_MODE: "none", K_SERVICE: "orders-consumer" },
      /AUTH_MODE must not be none on Cloud Run \(K_SERVICE=orders-consumer\)/,
    ],
    ["no AUTH_MODE off Cloud Run", {}, /AUTH_MODE must be set outside Cloud Run/],
    [
      "an unknown AUTH_MODE",
      { AUTH_MODE: "basic" },
      /AUTH_MODE must be one of iam, oidc, none \(got "basic"\)/,
    ],
    [
      "oidc without audience and service account",
      { AUTH_MODE: "oidc" },
      /OIDC_AUDIENCE is required when AUTH_MODE is oidc.*PUSH_SERVICE_ACCOUNT_EMAIL is required/,
    ],
    [
      "a port that is not a number",
      { AUTH_MODE: "none", PORT: "http" },
      /PORT must be a port number \(got "http"\)/,
    ],
    [
      "an unknown LOG_LEVEL",
      { AUTH_MODE: "none", LOG_LEVEL: "verbose" },
      /LOG_LEVEL must be one of debug, info, warn, error \(got "verbose"\)/,
    ],
  ];
  for (const [name, vars, message] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => loadConsumerEnv(vars), message);
    });
  }

  it("never echoes BACKEND_API_KEY in an error", () => {
    assert.throws(
      () => loadConsumerEnv({ BACKEND_API_KEY: "s3cr3t-value", PORT: "x", AUTH_MODE: "none" }),
      (err: Error) => !err.message.includes("s3cr3t-value"),
    );
  });

  it("the built server refuses to start with AUTH_MODE=none when K_SERVICE is set", async function () {
    this.timeout(60_000);
    const { consumer } = await bundles();
    const child = run([consumer.file], {
      AUTH_MODE: "none",
      K_SERVICE: "orders-consumer",
      PORT: "0",
    });
    assert.equal(await child.exited, 1);
    const line = child.lines.find((l) => l.message === "consumer cannot start");
    assert.match(String(line?.error), /AUTH_MODE must not be none on Cloud Run/);
    assert.equal(line?.severity, "ERROR");
  });
});
