/** Read-everything AWS managed policies on workload identities. */
import assert from "node:assert/strict";
import { awsIamPolicyAttachmentDisallowBroadManagedPolicies as P } from "../../../../policies/aws/iam/disallow-broad-managed-policies";
import { findings, open, res } from "../../support/policy-test";

const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

describe("aws-iam-policyattachment-disallow-broad-managed-policies (read everything)", () => {
  it("Noncompliance 1: a workload role attached ReadOnlyAccess", async () => {
    const r = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "fn-ro", {
      role: "fn-role",
      policyArn: READ_ONLY,
    });
    assert.deepEqual(open(await findings(P, r)), [
      `fn-ro: policyArn must grant a workload role reads of its own resources only, got the read-everything AWS managed policy "${READ_ONLY}".`,
    ]);
  });

  it("Noncompliance 2: AmazonSSMReadOnlyAccess through RolePolicyAttachmentsExclusive", async () => {
    const r = res("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "fn", {
      roleName: "fn-role",
      policyArns: ["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: a policy attachment naming a role", async () => {
    const r = res("aws:iam/policyAttachment:PolicyAttachment", "ro", {
      policyArn: READ_ONLY,
      roles: ["fn-role"],
      users: [],
      groups: [],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 4: AdministratorAccess on an IAM Identity Center permission set", async () => {
    const r = res("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "admins", {
      instanceArn: "arn:aws:sso:::instance/ssoins-1",
      permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
      managedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Compliance 1: an auditors group may read everything", async () => {
    const r = res("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "auditors", {
      group: "auditors",
      policyArn: READ_ONLY,
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 2: ViewOnlyAccess (lists and describes, reads no data) on a preview role", async () => {
    const r = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "preview", {
      role: "preview",
      policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });
});
