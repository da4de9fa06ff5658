import assert from "node:assert/strict";
import { awsSqsQueueEnableEncryption as P } from "../../../../policies/aws/sqs/enable-encryption";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () => res("aws:sqs/queue:Queue", "dlq", { sqsManagedSseEnabled: true });

describe("aws-sqs-queue-enable-encryption", () => {
  it("Compliance 1: queue with SQS-managed encryption", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: queue encrypted with KMS", async () => {
    const r = edit(baseline(), {
      sqsManagedSseEnabled: undefined,
      kmsMasterKeyId: "arn:aws:kms:eu-west-1:1:key/k",
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: queue with SQS-managed encryption turned off", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { sqsManagedSseEnabled: false }))), [
      "dlq: the queue must set kmsMasterKeyId or sqsManagedSseEnabled: true, got kmsMasterKeyId null and sqsManagedSseEnabled false.",
    ]);
  });

  it("Noncompliance 2: queue that says nothing about encryption", async () => {
    assert.equal(
      open(await findings(P, edit(baseline(), { sqsManagedSseEnabled: undefined }))).length,
      1,
    );
  });
});
