import assert from "node:assert/strict";
import { awsCloudwatchEventBusConfigureCustomerManagedKey as P } from "../../../../policies/aws/cloudwatch/eventbus-configure-customer-managed-key";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234";
const baseline = () => res("aws:cloudwatch/eventBus:EventBus", "bus", { kmsKeyIdentifier: KEY });

describe("aws-cloudwatch-eventbus-configure-customer-managed-key", () => {
  it("Compliance 1: event bus encrypted with a customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: key not known yet during a preview", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyIdentifier: UNKNOWN }))), []);
  });

  it("Noncompliance 1: event bus without a key", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyIdentifier: undefined }))), [
      "bus: kmsKeyIdentifier must name a customer-managed KMS key, got none.",
    ]);
  });

  it("Noncompliance 2: event bus with an AWS managed key", async () => {
    const r = edit(baseline(), { kmsKeyIdentifier: "alias/aws/events" });
    assert.deepEqual(open(await findings(P, r)), [
      'bus: kmsKeyIdentifier must name a customer-managed KMS key, got the AWS managed key "alias/aws/events".',
    ]);
  });
});
