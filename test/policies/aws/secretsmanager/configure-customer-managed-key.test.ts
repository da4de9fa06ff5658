import assert from "node:assert/strict";
import { awsSecretsManagerSecretConfigureCustomerManagedKey as P } from "../../../../policies/aws/secretsmanager/configure-customer-managed-key";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234";
const baseline = () => res("aws:secretsmanager/secret:Secret", "api-key", { kmsKeyId: KEY });

describe("aws-secretsmanager-secret-configure-customer-managed-key", () => {
  it("Compliance 1: secret encrypted with a customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: key not known yet during a preview", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyId: UNKNOWN }))), []);
  });

  it("Noncompliance 1: secret without a key", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyId: undefined }))), [
      "api-key: kmsKeyId must name a customer-managed KMS key, got none.",
    ]);
  });

  it("Noncompliance 2: secret with an AWS managed key", async () => {
    const r = edit(baseline(), { kmsKeyId: "alias/aws/secretsmanager" });
    assert.deepEqual(open(await findings(P, r)), [
      'api-key: kmsKeyId must name a customer-managed KMS key, got the AWS managed key "alias/aws/secretsmanager".',
    ]);
  });
});
