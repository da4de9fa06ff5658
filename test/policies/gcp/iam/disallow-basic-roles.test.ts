import assert from "node:assert/strict";
import { gcpIamBindingDisallowBasicRoles as P } from "../../../../policies/gcp/iam/disallow-basic-roles";
import { edit, findings, open, res } from "../../support/policy-test";

const SA = "serviceAccount:orders@acme.iam.gserviceaccount.com";
const baseline = () =>
  res("gcp:projects/iAMMember:IAMMember", "logs", {
    project: "acme",
    role: "roles/logging.logWriter",
    member: SA,
  });

describe("gcp-iam-binding-disallow-basic-roles", () => {
  it("Compliance 1: predefined role at project level", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: roles/editor at project level", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { role: "roles/editor" }))), [
      'logs: member must grant a predefined or custom role, got the basic role "roles/editor".',
    ]);
  });

  it("Noncompliance 2: roles/viewer in a topic binding", async () => {
    const r = res("gcp:pubsub/topicIAMBinding:TopicIAMBinding", "t", {
      topic: "orders",
      role: "roles/viewer",
      members: [SA],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: roles/owner inside a whole IAM policy", async () => {
    const r = res("gcp:projects/iAMPolicy:IAMPolicy", "p", {
      project: "acme",
      policyData: JSON.stringify({
        bindings: [
          { role: "roles/run.invoker", members: [SA] },
          { role: "roles/owner", members: ["user:a@example.com"] },
        ],
      }),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'p: policyData.bindings[1] must grant a predefined or custom role, got the basic role "roles/owner".',
    ]);
  });
});
