import assert from "node:assert/strict";
import { awsDynamodbTableConfigureCustomerManagedKey as Cmk } from "../../../../policies/aws/dynamodb/table-configure-customer-managed-key";
import { awsDynamodbTableEnableDeletionProtection as Protection } from "../../../../policies/aws/dynamodb/table-enable-deletion-protection";
import { awsDynamodbTableEnablePointInTimeRecovery as Pitr } from "../../../../policies/aws/dynamodb/table-enable-point-in-time-recovery";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** A production table as the platform plans it (aws.dynamodb.Table inputs). */
const baseline = () =>
  res("aws:dynamodb/table:Table", "state-table", {
    name: "eventstack-prod-data",
    billingMode: "PAY_PER_REQUEST",
    hashKey: "pk",
    attributes: [{ name: "pk", type: "S" }],
    ttl: { attributeName: "expiresAt", enabled: true },
    pointInTimeRecovery: { enabled: true },
    deletionProtectionEnabled: true,
    serverSideEncryption: { enabled: true, kmsKeyArn: KEY },
    tags: { environment: "prod", consumer: "shared" },
  });

describe("aws-dynamodb-table-configure-customer-managed-key", () => {
  it("Compliance 1: encrypted with the stack's key", async () => {
    assert.deepEqual(open(await findings(Cmk, baseline())), []);
  });
  it("Compliance 2: a key still unknown in a preview", async () => {
    const r = edit(baseline(), { serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } });
    assert.deepEqual(open(await findings(Cmk, r)), []);
  });
  it("Noncompliance 1: the AWS-owned key (no serverSideEncryption)", async () => {
    const r = edit(baseline(), { serverSideEncryption: undefined });
    assert.deepEqual(open(await findings(Cmk, r)), [
      "state-table: serverSideEncryption.enabled must be true with a customer-managed kmsKeyArn, got the AWS-owned key.",
    ]);
  });
  it("Noncompliance 2: the AWS managed key aws/dynamodb", async () => {
    const r = edit(baseline(), { serverSideEncryption: { enabled: true } });
    assert.deepEqual(open(await findings(Cmk, r)), [
      "state-table: serverSideEncryption.kmsKeyArn must name a customer-managed KMS key, got none (the AWS managed key aws/dynamodb).",
    ]);
  });
  it("Noncompliance 3: the AWS managed key named by alias", async () => {
    const r = edit(baseline(), {
      serverSideEncryption: { enabled: true, kmsKeyArn: "alias/aws/dynamodb" },
    });
    assert.deepEqual(open(await findings(Cmk, r)), [
      'state-table: serverSideEncryption.kmsKeyArn must name a customer-managed KMS key, got the AWS managed key "alias/aws/dynamodb".',
    ]);
  });
});

describe("aws-dynamodb-table-enable-point-in-time-recovery", () => {
  it("Compliance 1: point-in-time recovery enabled", async () => {
    assert.deepEqual(open(await findings(Pitr, baseline())), []);
  });
  it("Compliance 2: a stack that is not production is not judged", async () => {
    const r = edit(baseline(), {
      pointInTimeRecovery: { enabled: false },
      tags: { environment: "dev" },
    });
    assert.deepEqual(open(await findings(Pitr, r)), []);
  });
  it("Noncompliance 1: disabled", async () => {
    const r = edit(baseline(), { pointInTimeRecovery: { enabled: false } });
    assert.deepEqual(open(await findings(Pitr, r)), [
      "state-table: pointInTimeRecovery.enabled must be true, got false.",
    ]);
  });
  it("Noncompliance 2: unset", async () => {
    const r = edit(baseline(), { pointInTimeRecovery: undefined });
    assert.equal(open(await findings(Pitr, r)).length, 1);
  });
});

describe("aws-dynamodb-table-enable-deletion-protection", () => {
  it("Compliance 1: deletion protection enabled", async () => {
    assert.deepEqual(open(await findings(Protection, baseline())), []);
  });
  it("Compliance 2: a stack that is not production is not judged", async () => {
    const r = edit(baseline(), { deletionProtectionEnabled: false, tags: undefined });
    assert.deepEqual(open(await findings(Protection, r)), []);
  });
  it("Noncompliance 1: disabled", async () => {
    const r = edit(baseline(), { deletionProtectionEnabled: false });
    assert.deepEqual(open(await findings(Protection, r)), [
      "state-table: deletionProtectionEnabled must be true, got false.",
    ]);
  });
  it("Noncompliance 2: unset", async () => {
    const r = edit(baseline(), { deletionProtectionEnabled: undefined });
    assert.equal(open(await findings(Protection, r)).length, 1);
  });
});
