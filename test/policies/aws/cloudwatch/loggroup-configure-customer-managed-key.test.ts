import assert from "node:assert/strict";
import { awsCloudwatchLogGroupConfigureCustomerManagedKey as P } from "../../../../policies/aws/cloudwatch/loggroup-configure-customer-managed-key";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234";
const baseline = () => res("aws:cloudwatch/logGroup:LogGroup", "logs", { kmsKeyId: KEY });

describe("aws-cloudwatch-loggroup-configure-customer-managed-key", () => {
  it("Compliance 1: log group encrypted with a customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: key not known yet during a preview", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyId: UNKNOWN }))), []);
  });

  it("Noncompliance 1: log group without a key", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyId: undefined }))), [
      "logs: kmsKeyId must name a customer-managed KMS key, got none.",
    ]);
  });

  it("Noncompliance 2: log group with an AWS managed key", async () => {
    const r = edit(baseline(), { kmsKeyId: "alias/aws/events" });
    assert.deepEqual(open(await findings(P, r)), [
      'logs: kmsKeyId must name a customer-managed KMS key, got the AWS managed key "alias/aws/events".',
    ]);
  });
});
