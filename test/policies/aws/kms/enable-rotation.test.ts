import assert from "node:assert/strict";
import { awsKmsKeyEnableRotation as P } from "../../../../policies/aws/kms/enable-rotation";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:kms/key:Key", "data", { enableKeyRotation: true, deletionWindowInDays: 30 });

describe("aws-kms-key-enable-rotation", () => {
  it("Compliance 1: symmetric key with rotation", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: asymmetric signing keys cannot rotate and are out of scope", async () => {
    const r = edit(baseline(), {
      enableKeyRotation: undefined,
      keySpec: "RSA_2048",
      keyUsage: "SIGN_VERIFY",
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: rotation off", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { enableKeyRotation: false }))), [
      "data: enableKeyRotation must be true, got false.",
    ]);
  });

  it("Noncompliance 2: rotation not set on an explicit SYMMETRIC_DEFAULT key", async () => {
    const r = edit(baseline(), {
      enableKeyRotation: undefined,
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    });
    assert.deepEqual(open(await findings(P, r)), [
      "data: enableKeyRotation must be true, got null.",
    ]);
  });
});
