import assert from "node:assert/strict";
import { awsCloudwatchEventTargetConfigureRetryPolicy as P } from "../../../../policies/aws/cloudwatch/eventtarget-configure-retry-policy";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:cloudwatch/eventTarget:EventTarget", "orders-target", {
    rule: "orders",
    arn: "arn:aws:lambda:eu-west-1:123456789012:function:orders",
    retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 21600 },
  });

describe("aws-cloudwatch-eventtarget-configure-retry-policy", () => {
  it("Compliance 1: target retrying ten times for six hours", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: target without a retry policy", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { retryPolicy: undefined }))), [
      "orders-target: retryPolicy must be set, got none.",
    ]);
  });

  it("Noncompliance 2: retry policy that never retries", async () => {
    const r = edit(baseline(), {
      retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
    });
    assert.deepEqual(open(await findings(P, r)), [
      "orders-target: retryPolicy.maximumRetryAttempts must be at least 1, got 0.",
    ]);
  });

  it("Noncompliance 3: retry policy without an attempt count", async () => {
    const r = edit(baseline(), { retryPolicy: { maximumEventAgeInSeconds: 60 } });
    assert.equal(open(await findings(P, r)).length, 1);
  });
});
