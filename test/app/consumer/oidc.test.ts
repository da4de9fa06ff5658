import assert from "node:assert/strict";
import { SignJWT, UnsecuredJWT, createRemoteJWKSet } from "jose";
import { createPushTokenVerifier } from "../../../app/consumer/auth";
import { orderPlaced, pushBody } from "../support/fixtures";
import { post, startConsumer, type RunningConsumer } from "../support/consumer";
import { AUDIENCE, PUSH_SA, startTestIssuer, type TestIssuer } from "../support/oidc";

describe("AUTH_MODE=oidc: the app verifies the Pub/Sub push token", () => {
  let issuer: TestIssuer;
  let consumer: RunningConsumer;

  before(async () => {
    issuer = await startTestIssuer();
    consumer = await startConsumer({
      authMode: "oidc",
      verifyToken: createPushTokenVerifier({
        audience: AUDIENCE,
        serviceAccountEmail: PUSH_SA,
        keys: createRemoteJWKSet(issuer.jwksUrl),
      }),
    });
  });
  after(async () => {
    await consumer.close();
    await issuer.close();
  });

  const send = (authorization?: string) =>
    post(
      consumer.url,
      pushBody(orderPlaced()),
      authorization === undefined ? {} : { authorization },
    );

  it("accepts a token signed by the issuer's key for the right audience and service account", async () => {
    const res = await send(`Bearer ${await issuer.sign()}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "processed");
  });

  it("accepts the issuer spelled without a scheme (accounts.google.com)", async () => {
    const res = await send(`Bearer ${await issuer.sign({ iss: "accounts.google.com" })}`);
    assert.equal(res.status, 200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const rejected: [string, () => Promise<string | undefined>, 401 | 403, RegExp][] = [
    ["a missing Authorization header", async () => undefined, 401, /missing bearer token/],
    [
      "a non-bearer Authorization header",
      async () => `Basic ${Buffer.from("a:b").toString("base64")}`,
      401,
      /missing bearer token/,
    ],
    ["a token that is not a JWT", async () => "Bearer not.a.jwt", 401, /token rejected/],
    [
      "a token signed by a key outside the JWKS",
      async () => `Bearer ${await issuer.sign({}, issuer.strangerKey)}`,
      401,
      /signature verification failed/,
    ],
    [
      "a token from another issuer",
      async () => `Bearer ${await issuer.sign({ iss: "https://evil.example.com" })}`,
      401,
      /"iss" claim/,
    ],
    [
      "a token for another audience",
      async () => `Bearer ${await issuer.sign({ aud: "https://other-service.a.run.app" })}`,
      401,
      /"aud" claim/,
    ],
    [
      "an expired token",
      async () => `Bearer ${await issuer.sign({ iat: now() - 7200, exp: now() - 3600 })}`,
      401,
      /"exp" claim/,
    ],
    [
      "a token issued in the future (iat beyond the clock skew)",
      async () => `Bearer ${await issuer.sign({ iat: now() + 600, exp: now() + 1200 })}`,
      401,
      /"iat" claim timestamp check failed/,
    ],
    [
      "a token with a lifetime beyond Google's one hour",
      async () => `Bearer ${await issuer.sign({ iat: now(), exp: now() + 7200 })}`,
      401,
      /lifetime 7200 s \(exp - iat\) exceeds Google's 3600 s/,
    ],
    [
      "a token without an email claim",
      async () => `Bearer ${await issuer.sign({ email: null })}`,
      401,
      /"email" claim/,
    ],
    [
      "a token for another service account",
      async () =>
        `Bearer ${await issuer.sign({ email: "intruder@other-project.iam.gserviceaccount.com" })}`,
      403,
      /intruder@other-project.*expected eventstack-dev-push@/,
    ],
    [
      "an unsigned token (alg none)",
      async () =>
        `Bearer ${new UnsecuredJWT({ email: PUSH_SA, email_verified: true })
          .setIssuer("https://accounts.google.com")
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime("1h")
          .encode()}`,
      401,
      /token rejected/,
    ],
    [
      "a token signed with a shared secret (HS256) instead of Google's RSA key",
      async () =>
        `Bearer ${await new SignJWT({ email: PUSH_SA, email_verified: true })
          .setProtectedHeader({ alg: "HS256", kid: "test-key-1" })
          .setIssuer("https://accounts.google.com")
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime("1h")
          .sign(new TextEncoder().encode("a-shared-secret-of-at-least-32-bytes!"))}`,
      401,
      /token rejected/,
    ],
    [
      "a token without email_verified",
      async () => `Bearer ${await issuer.sign({ email_verified: null })}`,
      403,
      /email not verified/,
    ],
    [
      "a token whose email is not verified",
      async () => `Bearer ${await issuer.sign({ email_verified: false })}`,
      403,
      /email not verified/,
    ],
  ];
  for (const [name, header, status, reason] of rejected) {
    it(`answers ${status} to ${name} and processes nothing`, async () => {
      const before = consumer.metrics.snapshot();
      const res = await send(await header());
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.match(String(res.body.message), reason);
      assert.deepEqual(consumer.metrics.snapshot(), before);
      const line = consumer.logs.find("push request not authenticated").at(-1);
      assert.equal(line?.status, status);
    });
  }

  it("fetches Google's keys once and reuses them for later requests", async () => {
    const fresh = await startConsumer({
      authMode: "oidc",
      verifyToken: createPushTokenVerifier({
        audience: AUDIENCE,
        serviceAccountEmail: PUSH_SA,
        keys: createRemoteJWKSet(issuer.jwksUrl),
      }),
    });
    try {
      const before = issuer.jwksRequests;
      for (let i = 0; i < 3; i++) {
        const res = await post(fresh.url, pushBody(orderPlaced()), {
          authorization: `Bearer ${await issuer.sign()}`,
        });
        assert.equal(res.status, 200);
      }
      assert.equal(issuer.jwksRequests - before, 1);
    } finally {
      await fresh.close();
    }
  });

  it("does not check tokens on the health endpoint (probes carry none)", async () => {
    assert.equal((await fetch(`${consumer.url}/healthz`)).status, 200);
  });

  it("answers 503 (retry) when the signing keys cannot be fetched", async () => {
    const unreachable = await startConsumer({
      authMode: "oidc",
      verifyToken: createPushTokenVerifier({
        audience: AUDIENCE,
        serviceAccountEmail: PUSH_SA,
        keys: createRemoteJWKSet(new URL("http://127.0.0.1:9/certs"), { timeoutDuration: 500 }),
      }),
    });
    try {
      const res = await post(unreachable.url, pushBody(orderPlaced()), {
        authorization: `Bearer ${await issuer.sign()}`,
      });
      assert.equal(res.status, 503);
    } finally {
      await unreachable.close();
    }
  });
});

describe("AUTH_MODE=iam: Cloud Run authenticated the request already", () => {
  it("processes a push without checking the token itself", async () => {
    const consumer = await startConsumer({ authMode: "iam" });
    try {
      assert.equal((await post(consumer.url, pushBody(orderPlaced()))).status, 200);
    } finally {
      await consumer.close();
    }
  });
});
