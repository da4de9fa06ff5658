import assert from "node:assert/strict";
import {
  awsIamPolicyAttachmentDisallowBroadManagedPolicies as P,
  isBroadManagedPolicy,
} from "../../../../policies/aws/iam/disallow-broad-managed-policies";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const baseline = () =>
  res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "basic", {
    role: "r",
    policyArn: BASIC,
  });

describe("aws-iam-policyattachment-disallow-broad-managed-policies", () => {
  for (const [arn, broad] of [
    ["arn:aws:iam::aws:policy/AdministratorAccess", true],
    ["arn:aws:iam::aws:policy/PowerUserAccess", true],
    ["arn:aws:iam::aws:policy/AmazonSQSFullAccess", true],
    ["arn:aws:iam::aws:policy/AWSLambda_FullAccess", true],
    ["arn:aws-us-gov:iam::aws:policy/CloudWatchFullAccessV2", true],
    [BASIC, false],
    ["arn:aws:iam::123456789012:policy/AdministratorAccess", false],
  ] as const) {
    it(`classifies ${arn} as ${broad ? "broad" : "scoped"}`, () => {
      assert.equal(isBroadManagedPolicy(arn), broad);
    });
  }

  it("Compliance 1: basic execution role attachment", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: attachment whose ARN is not known yet", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { policyArn: UNKNOWN }))), []);
  });

  it("Noncompliance 1: AdministratorAccess attached to a role", async () => {
    const r = edit(baseline(), { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
    assert.deepEqual(open(await findings(P, r)), [
      'basic: policyArn must be a policy scoped to this workload, got the AWS managed policy "arn:aws:iam::aws:policy/AdministratorAccess".',
    ]);
  });

  it("Noncompliance 2: a *FullAccess policy in a role's managedPolicyArns", async () => {
    const r = res("aws:iam/role:Role", "fn", {
      managedPolicyArns: [BASIC, "arn:aws:iam::aws:policy/AmazonSQSFullAccess"],
    });
    assert.deepEqual(open(await findings(P, r)), [
      'fn: managedPolicyArns[1] must be a policy scoped to this workload, got the AWS managed policy "arn:aws:iam::aws:policy/AmazonSQSFullAccess".',
    ]);
  });
});
