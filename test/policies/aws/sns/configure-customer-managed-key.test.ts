import assert from "node:assert/strict";
import { awsSnsTopicConfigureCustomerManagedKey as P } from "../../../../policies/aws/sns/configure-customer-managed-key";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:sns/topic:Topic", "alarms", { kmsMasterKeyId: "arn:aws:kms:eu-west-1:1:key/k" });

describe("aws-sns-topic-configure-customer-managed-key", () => {
  it("Compliance 1: customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: AWS managed key by ARN alias", async () => {
    const r = edit(baseline(), { kmsMasterKeyId: "arn:aws:kms:eu-west-1:1:alias/aws/sns" });
    assert.deepEqual(open(await findings(P, r)), [
      'alarms: kmsMasterKeyId must name a customer-managed KMS key, got the AWS managed key "arn:aws:kms:eu-west-1:1:alias/aws/sns".',
    ]);
  });

  it("Noncompliance 2: no key", async () => {
    assert.equal(
      open(await findings(P, edit(baseline(), { kmsMasterKeyId: undefined }))).length,
      1,
    );
  });
});
