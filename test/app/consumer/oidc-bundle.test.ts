import assert from "node:assert/strict";
import { orderPlaced, pushBody } from "../support/fixtures";
import { bundles } from "../support/bundles";
import { post } from "../support/consumer";
import { AUDIENCE, PUSH_SA, startTestIssuer, type TestIssuer } from "../support/oidc";
import { run, type Child } from "../support/process";

describe("consumer bundle with AUTH_MODE=oidc and OIDC_JWKS_URL (as deployed, tested like the tests do)", function () {
  this.timeout(30_000);
  let issuer: TestIssuer;
  let child: Child | undefined;

  before(async function () {
    this.timeout(60_000);
    await bundles();
    issuer = await startTestIssuer();
  });
  after(async () => {
    if (child !== undefined && child.proc.exitCode === null) child.proc.kill("SIGKILL");
    await issuer.close();
  });

  it("verifies push tokens against the configured JWKS instead of Google's", async () => {
    const { consumer } = await bundles();
    child = run([consumer.file], {
      PORT: "0",
      AUTH_MODE: "oidc",
      OIDC_AUDIENCE: AUDIENCE,
      PUSH_SERVICE_ACCOUNT_EMAIL: PUSH_SA,
      OIDC_JWKS_URL: issuer.jwksUrl.href,
    });
    const port = Number((await child.waitForLine("consumer listening")).port);
    const url = `http://127.0.0.1:${port}`;
    const ok = await post(url, pushBody(orderPlaced()), {
      authorization: `Bearer ${await issuer.sign()}`,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const stranger = await post(url, pushBody(orderPlaced()), {
      authorization: `Bearer ${await issuer.sign({}, issuer.strangerKey)}`,
    });
    assert.equal(stranger.status, 401);
    assert.ok(issuer.jwksRequests >= 1);
    child.proc.kill("SIGTERM");
    assert.equal(await child.exited, 0, child.output());
  });
});
