import assert from "node:assert/strict";
import { awsSqsQueueConfigureCustomerManagedKey as P } from "../../../../policies/aws/sqs/configure-customer-managed-key";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234";
const baseline = () => res("aws:sqs/queue:Queue", "dlq", { kmsMasterKeyId: KEY });

describe("aws-sqs-queue-configure-customer-managed-key", () => {
  it("Compliance 1: queue encrypted with a customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: key not known yet during a preview", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsMasterKeyId: UNKNOWN }))), []);
  });

  it("Noncompliance 1: SQS-managed encryption only", async () => {
    const r = edit(baseline(), { kmsMasterKeyId: undefined, sqsManagedSseEnabled: true });
    assert.deepEqual(open(await findings(P, r)), [
      "dlq: kmsMasterKeyId must name a customer-managed KMS key, got none.",
    ]);
  });

  it("Noncompliance 2: the AWS managed key alias/aws/sqs", async () => {
    assert.deepEqual(
      open(await findings(P, edit(baseline(), { kmsMasterKeyId: "alias/aws/sqs" }))),
      [
        'dlq: kmsMasterKeyId must name a customer-managed KMS key, got the AWS managed key "alias/aws/sqs".',
      ],
    );
  });

  it("is relaxed to advisory by the dev config file", async () => {
    const v = await findings(P, edit(baseline(), { kmsMasterKeyId: undefined }), {
      "aws-sqs-queue-configure-customer-managed-key": "advisory",
    });
    assert.equal(v[0]?.enforcementLevel, "advisory");
  });
});
