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
});
