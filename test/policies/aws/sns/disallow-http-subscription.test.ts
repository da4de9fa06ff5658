import assert from "node:assert/strict";
import { awsSnsTopicSubscriptionDisallowHttpEndpoint as P } from "../../../../policies/aws/sns/disallow-http-subscription";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:sns/topicSubscription:TopicSubscription", "oncall", {
    topic: "arn:aws:sns:::alarms",
    protocol: "email",
    endpoint: "oncall@example.com",
  });

describe("aws-sns-topicsubscription-disallow-http-endpoint", () => {
  it("Compliance 1: email subscription", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: https subscription", async () => {
    const r = edit(baseline(), { protocol: "https", endpoint: "https://hooks.example.com/x" });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: plain http subscription", async () => {
    const r = edit(baseline(), { protocol: "http", endpoint: "http://hooks.example.com/x" });
    assert.deepEqual(open(await findings(P, r)), [
      'oncall: protocol must be "https", got "http" for endpoint "http://hooks.example.com/x".',
    ]);
  });
});
