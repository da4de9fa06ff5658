import assert from "node:assert/strict";
import { gcpSecretManagerSecretConfigureCustomerManagedKey as P } from "../../../../policies/gcp/secretmanager/configure-customer-managed-key";
import { edit, findings, open, res } from "../../support/policy-test";

const KEY = "projects/acme/locations/global/keyRings/r/cryptoKeys/k";
const baseline = () =>
  res("gcp:secretmanager/secret:Secret", "api-key", {
    secretId: "api-key",
    replication: { auto: { customerManagedEncryption: { kmsKeyName: KEY } } },
  });

describe("gcp-secretmanager-secret-configure-customer-managed-key", () => {
  it("Compliance 1: automatic replication with a customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: user-managed replicas, each with a key", async () => {
    const r = edit(baseline(), {
      replication: {
        userManaged: {
          replicas: [{ location: "europe-west1", customerManagedEncryption: { kmsKeyName: KEY } }],
        },
      },
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: automatic replication with Google-managed keys", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { replication: { auto: {} } }))), [
      "api-key: replication.auto.customerManagedEncryption.kmsKeyName must name a customer-managed key, got none.",
    ]);
  });

  it("Noncompliance 2: one replica without a key", async () => {
    const r = edit(baseline(), {
      replication: {
        userManaged: {
          replicas: [
            { location: "europe-west1", customerManagedEncryption: { kmsKeyName: KEY } },
            { location: "europe-west4" },
          ],
        },
      },
    });
    assert.deepEqual(open(await findings(P, r)), [
      'api-key: replication.userManaged.replicas must each set customerManagedEncryption.kmsKeyName, got none for "europe-west4".',
    ]);
  });
});
