import assert from "node:assert/strict";
import { gcpIamProjectDisallowBroadDataAccess as P } from "../../../../policies/gcp/iam/disallow-broad-data-access";
import { edit, findings, open, res } from "../../support/policy-test";

const SA = "serviceAccount:orders@shop-prod.iam.gserviceaccount.com";
const baseline = () =>
  res("gcp:projects/iAMMember:IAMMember", "logs", {
    project: "shop-prod",
    role: "roles/logging.logWriter",
    member: SA,
  });

describe("gcp-iam-project-disallow-broad-data-access", () => {
  it("Compliance 1: a project-level role that writes, not reads", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: a person may hold a reading role at project level", async () => {
    const r = edit(baseline(), {
      role: "roles/storage.objectViewer",
      member: "group:auditors@example.com",
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: a service account reads every secret of the project", async () => {
    const r = edit(baseline(), { role: "roles/secretmanager.secretAccessor" });
    assert.deepEqual(open(await findings(P, r)), [
      `logs: member must grant "roles/secretmanager.secretAccessor" on the resources the workload uses, not at project level (to "${SA}").`,
    ]);
  });

  it("Noncompliance 2: a federated workload pool subscribes to every subscription of a folder", async () => {
    const pool =
      "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/*";
    const r = res("gcp:folder/iAMBinding:IAMBinding", "ci", {
      folder: "folders/456",
      role: "roles/pubsub.subscriber",
      members: [pool],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: the same grant written in a project IAM policy", async () => {
    const r = res("gcp:projects/iAMPolicy:IAMPolicy", "policy", {
      project: "shop-prod",
      policyData: JSON.stringify({
        bindings: [{ role: "roles/cloudkms.cryptoKeyDecrypter", members: [SA] }],
      }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  const DB = 'resource.name == "projects/shop-prod/databases/eventstack-prod-data"';

  it("Compliance 3: datastore.user conditioned on exactly one Firestore database", async () => {
    const r = edit(baseline(), {
      role: "roles/datastore.user",
      condition: { title: "one-database", expression: DB },
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 4: datastore.user on every database of the project", async () => {
    const r = edit(baseline(), { role: "roles/datastore.user" });
    assert.deepEqual(open(await findings(P, r)), [
      `logs: member must grant "roles/datastore.user" on the resources the workload uses, not at project level (to "${SA}").`,
    ]);
  });

  it("Noncompliance 5: datastore.user conditioned on a database-name prefix", async () => {
    const r = edit(baseline(), {
      role: "roles/datastore.user",
      condition: {
        title: "prefix",
        expression: 'resource.name.startsWith("projects/shop-prod/databases/eventstack-")',
      },
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 6: a one-database condition does not narrow a non-Firestore role", async () => {
    const r = edit(baseline(), {
      role: "roles/secretmanager.secretAccessor",
      condition: { title: "one-database", expression: DB },
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });
});
