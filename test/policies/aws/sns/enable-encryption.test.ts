import assert from "node:assert/strict";
import { awsSnsTopicEnableEncryption as P } from "../../../../policies/aws/sns/enable-encryption";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:sns/topic:Topic", "alarms", { kmsMasterKeyId: "arn:aws:kms:eu-west-1:1:key/k" });

describe("aws-sns-topic-enable-encryption", () => {
  it("Compliance 1: topic encrypted with KMS", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: the AWS managed key also encrypts", async () => {
    assert.deepEqual(
      open(await findings(P, edit(baseline(), { kmsMasterKeyId: "alias/aws/sns" }))),
      [],
    );
  });

  it("Noncompliance 1: unencrypted topic", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsMasterKeyId: undefined }))), [
      "alarms: kmsMasterKeyId must name a KMS key, got none.",
    ]);
  });
});
