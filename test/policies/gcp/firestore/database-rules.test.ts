import assert from "node:assert/strict";
import { gcpFirestoreDatabaseConfigureCustomerManagedKey as Cmek } from "../../../../policies/gcp/firestore/database-configure-customer-managed-key";
import { gcpFirestoreDatabaseEnableDeleteProtection as Protection } from "../../../../policies/gcp/firestore/database-enable-delete-protection";
import { gcpFirestoreDatabaseEnablePointInTimeRecovery as Pitr } from "../../../../policies/gcp/firestore/database-enable-point-in-time-recovery";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const KEY = "projects/shop-prod/locations/europe-west1/keyRings/r/cryptoKeys/firestore";
/** A production database as the platform plans it (gcp.firestore.Database inputs). */
const baseline = () =>
  res("gcp:firestore/database:Database", "state-database", {
    project: "shop-prod",
    name: "eventstack-prod-data-cmek",
    locationId: "europe-west1",
    type: "FIRESTORE_NATIVE",
    concurrencyMode: "OPTIMISTIC",
    pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED",
    deleteProtectionState: "DELETE_PROTECTION_ENABLED",
    deletionPolicy: "DELETE",
    cmekConfig: { kmsKeyName: KEY },
  });

describe("gcp-firestore-database-configure-customer-managed-key", () => {
  it("Compliance 1: the database names a customer-managed key", async () => {
    assert.deepEqual(open(await findings(Cmek, baseline())), []);
  });
  it("Compliance 2: a key still unknown in a preview", async () => {
    const r = edit(baseline(), { cmekConfig: { kmsKeyName: UNKNOWN } });
    assert.deepEqual(open(await findings(Cmek, r)), []);
  });
  it("Noncompliance 1: Google-managed encryption", async () => {
    assert.deepEqual(open(await findings(Cmek, edit(baseline(), { cmekConfig: undefined }))), [
      "state-database: cmekConfig.kmsKeyName must name a customer-managed key, got none.",
    ]);
  });
});

/** A resource that marks the stack as production (the platform labels every topic). */
const prodTopic = res("gcp:pubsub/topic:Topic", "events", {
  name: "eventstack-prod-events",
  labels: { environment: "prod" },
});
const inProd = (db: ReturnType<typeof baseline>) => [prodTopic, db];

describe("gcp-firestore-database-enable-point-in-time-recovery", () => {
  it("Compliance 1: point-in-time recovery enabled", async () => {
    assert.deepEqual(open(await findings(Pitr, inProd(baseline()))), []);
  });
  it("Noncompliance 1: disabled", async () => {
    const r = edit(baseline(), {
      pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_DISABLED",
    });
    assert.deepEqual(open(await findings(Pitr, inProd(r))), [
      'state-database: pointInTimeRecoveryEnablement must be "POINT_IN_TIME_RECOVERY_ENABLED", got "POINT_IN_TIME_RECOVERY_DISABLED".',
    ]);
  });
  it("Noncompliance 2: unset, which is Firestore's disabled default", async () => {
    const r = edit(baseline(), { pointInTimeRecoveryEnablement: undefined });
    assert.deepEqual(open(await findings(Pitr, inProd(r))), [
      'state-database: pointInTimeRecoveryEnablement must be "POINT_IN_TIME_RECOVERY_ENABLED", got "POINT_IN_TIME_RECOVERY_DISABLED (the default)".',
    ]);
  });
});

describe("gcp-firestore-database-enable-delete-protection", () => {
  it("Compliance 1: delete protection enabled", async () => {
    assert.deepEqual(open(await findings(Protection, inProd(baseline()))), []);
  });
  it("Compliance 2: a stack that is not production is not judged", async () => {
    const r = edit(baseline(), { deleteProtectionState: "DELETE_PROTECTION_DISABLED" });
    assert.deepEqual(open(await findings(Protection, r)), []);
  });
  it("Noncompliance 1: disabled", async () => {
    const r = edit(baseline(), { deleteProtectionState: "DELETE_PROTECTION_DISABLED" });
    assert.deepEqual(open(await findings(Protection, inProd(r))), [
      'state-database: deleteProtectionState must be "DELETE_PROTECTION_ENABLED", got "DELETE_PROTECTION_DISABLED".',
    ]);
  });
  it("Noncompliance 2: unset", async () => {
    const r = edit(baseline(), { deleteProtectionState: undefined });
    assert.equal(open(await findings(Protection, inProd(r))).length, 1);
  });
});
