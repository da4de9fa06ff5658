import assert from "node:assert/strict";
import { gcpIamProjectDisallowImpersonationRoles as P } from "../../../../policies/gcp/iam/disallow-project-impersonation";
import { edit, findings, open, res } from "../../support/policy-test";

const AGENT = "serviceAccount:service-482901735528@gcp-sa-pubsub.iam.gserviceaccount.com";
const baseline = () =>
  res("gcp:projects/iAMMember:IAMMember", "metrics", {
    project: "acme",
    role: "roles/monitoring.metricWriter",
    member: AGENT,
  });

describe("gcp-iam-project-disallow-impersonation-roles", () => {
  it("Compliance 1: unrelated project-level role", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: token creator on one service account", async () => {
    const r = res("gcp:serviceaccount/iAMMember:IAMMember", "push-token", {
      serviceAccountId: "projects/acme/serviceAccounts/push@acme.iam.gserviceaccount.com",
      role: "roles/iam.serviceAccountTokenCreator",
      member: AGENT,
    });
    assert.deepEqual(await findings(P, r), []);
  });

  it("Noncompliance 1: token creator at project level", async () => {
    assert.deepEqual(
      open(await findings(P, edit(baseline(), { role: "roles/iam.serviceAccountTokenCreator" }))),
      [
        `metrics: member must not grant "roles/iam.serviceAccountTokenCreator" at project level (to "${AGENT}"); grant it on the one service account instead.`,
      ],
    );
  });

  it("Noncompliance 2: service account user in a project binding", async () => {
    const r = res("gcp:projects/iAMBinding:IAMBinding", "b", {
      project: "acme",
      role: "roles/iam.serviceAccountUser",
      members: ["group:ci@example.com"],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: service account user on a folder (every project below it)", async () => {
    const r = res("gcp:folder/iAMMember:IAMMember", "f", {
      folder: "folders/123456789",
      role: "roles/iam.serviceAccountUser",
      member: "group:ci@example.com",
    });
    assert.deepEqual(open(await findings(P, r)), [
      'f: member must not grant "roles/iam.serviceAccountUser" at folder level (to "group:ci@example.com"); grant it on the one service account instead.',
    ]);
  });

  it("Noncompliance 4: token creator in an organisation policy", async () => {
    const r = res("gcp:organizations/iAMPolicy:IAMPolicy", "org", {
      orgId: "123456789",
      policyData: JSON.stringify({
        bindings: [
          { role: "roles/iam.serviceAccountTokenCreator", members: ["user:a@example.com"] },
        ],
      }),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'org: policyData.bindings[0] must not grant "roles/iam.serviceAccountTokenCreator" at organization level (to "user:a@example.com"); grant it on the one service account instead.',
    ]);
  });
});
