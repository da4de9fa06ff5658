import assert from "node:assert/strict";
import { gcpPubsubSubscriptionEnforceHttpsEndpoint as Https } from "../../../../policies/gcp/pubsub/enforce-https-endpoint";
import { gcpPubsubSubscriptionMissingDeadLetterPolicy as Dlq } from "../../../../policies/gcp/pubsub/missing-dead-letter-policy";
import { gcpPubsubSubscriptionMissingOidcToken as Oidc } from "../../../../policies/gcp/pubsub/missing-oidc-token";
import { edit, findings, open, UNKNOWN } from "../../support/policy-test";
import { deadLetterSetup, pushConfig } from "./fixtures";

const baseline = () => deadLetterSetup().push;

describe("gcp-pubsub-subscription-missing-oidc-token", () => {
  it("Compliance 1: push subscription with an OIDC token", async () => {
    assert.deepEqual(open(await findings(Oidc, baseline())), []);
  });

  it("Compliance 2: pull subscriptions are out of scope", async () => {
    assert.deepEqual(open(await findings(Oidc, deadLetterSetup().dlqPull)), []);
  });

  it("Noncompliance 1: push subscription without an OIDC token", async () => {
    const r = edit(baseline(), { pushConfig: { pushEndpoint: pushConfig.pushEndpoint } });
    assert.deepEqual(open(await findings(Oidc, r)), [
      'orders-push: pushConfig.oidcToken.serviceAccountEmail must be set for push endpoint "https://orders-abc-ew.a.run.app/", got none.',
    ]);
  });
});

describe("gcp-pubsub-subscription-enforce-https-endpoint", () => {
  it("Compliance 1: https endpoint", async () => {
    assert.deepEqual(open(await findings(Https, baseline())), []);
  });

  it("Compliance 2: endpoint not known yet during a preview", async () => {
    const r = edit(baseline(), { pushConfig: { ...pushConfig, pushEndpoint: UNKNOWN } });
    assert.deepEqual(open(await findings(Https, r)), []);
  });

  it("Compliance 3: scheme written in capitals (schemes are case-insensitive)", async () => {
    const r = edit(baseline(), {
      pushConfig: { ...pushConfig, pushEndpoint: "HTTPS://orders-abc-ew.a.run.app/" },
    });
    assert.deepEqual(open(await findings(Https, r)), []);
  });

  it("Noncompliance 1: plain http endpoint", async () => {
    const r = edit(baseline(), {
      pushConfig: { ...pushConfig, pushEndpoint: "http://orders.internal/" },
    });
    assert.deepEqual(open(await findings(Https, r)), [
      'orders-push: pushConfig.pushEndpoint must be an https:// URL, got "http://orders.internal/".',
    ]);
  });
});

describe("gcp-pubsub-subscription-missing-dead-letter-policy", () => {
  it("Compliance 1: push subscription with a dead-letter topic", async () => {
    assert.deepEqual(open(await findings(Dlq, baseline())), []);
  });

  it("Compliance 2: dead-letter topic not known yet during a preview", async () => {
    const r = edit(baseline(), {
      deadLetterPolicy: { deadLetterTopic: UNKNOWN, maxDeliveryAttempts: 5 },
    });
    assert.deepEqual(open(await findings(Dlq, r)), []);
  });

  it("Noncompliance 1: push subscription without a dead-letter policy", async () => {
    assert.deepEqual(open(await findings(Dlq, edit(baseline(), { deadLetterPolicy: undefined }))), [
      "orders-push: deadLetterPolicy.deadLetterTopic must name a dead-letter topic, got none.",
    ]);
  });
});
