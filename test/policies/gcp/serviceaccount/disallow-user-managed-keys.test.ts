import assert from "node:assert/strict";
import { gcpServiceAccountKeyDisallowUserManagedKeys as P } from "../../../../policies/gcp/serviceaccount/disallow-user-managed-keys";
import { findings, open, res } from "../../support/policy-test";

describe("gcp-serviceaccount-key-disallow-user-managed-keys", () => {
  it("Compliance 1: a service account without keys", async () => {
    assert.deepEqual(
      await findings(
        P,
        res("gcp:serviceaccount/account:Account", "orders", { accountId: "orders" }),
      ),
      [],
    );
  });

  it("Noncompliance 1: a service-account key", async () => {
    const key = res("gcp:serviceaccount/key:Key", "orders-key", {
      serviceAccountId: "orders@acme.iam.gserviceaccount.com",
    });
    assert.deepEqual(open(await findings(P, key)), [
      'orders-key: service accounts must not have user-managed keys, got a key for "orders@acme.iam.gserviceaccount.com".',
    ]);
  });
});
