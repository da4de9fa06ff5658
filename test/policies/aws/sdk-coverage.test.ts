/**
 * Every @pulumi/aws resource type that carries a grant — a policy document, an attached managed
 * policy, or a statement-shaped permission naming a principal — is checked by some rule of the
 * pack, or waived here with the reason it grants nothing the pack judges. A provider upgrade that
 * adds such a type fails this test until it is covered or waived.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { POLICIES } from "../../../policies/pack";
import { PROJECT_DIR } from "../../support/plan";
import { sdkTypes } from "../support/sdk-types";

/** Input properties that carry a grant. */
const GRANT_PROPERTIES = new Set([
  "policy",
  "policyDocument",
  "accessPolicy",
  "accessPolicies",
  "resourcePolicy",
  "inlinePolicy",
  "inlinePolicies",
  "assumeRolePolicy",
  "policyArn",
  "policyArns",
  "managedPolicyArn",
  "managedPolicyArns",
  "principal",
]);

/** Types with such a property that grant nothing the pack judges, and why. */
const WAIVED: Readonly<Record<string, string>> = {
  "aws:sns/dataProtectionPolicy:DataProtectionPolicy":
    "masks or denies sensitive data; grants nothing",
  "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy":
    "masks sensitive data; grants nothing",
  "aws:cloudwatch/logIndexPolicy:LogIndexPolicy": "field indexes; grants nothing",
  "aws:cloudwatch/logAccountPolicy:LogAccountPolicy":
    "data protection, subscription filter or transformer settings; grants nothing",
  "aws:resiliencehub/resiliencyPolicy:ResiliencyPolicy": "recovery objectives; grants nothing",
  "aws:resiliencehub/v2Service:V2Service": "names a resiliency policy; grants nothing",
  "aws:resiliencehub/v2UserJourney:V2UserJourney": "names a resiliency policy; grants nothing",
  "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment":
    "network routing policy; grants nothing",
  "aws:ses/receiptFilter:ReceiptFilter":
    "an IP allow/block filter for inbound mail; grants nothing",
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": "image expiry rules; grants nothing",
  "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy":
    "retention rules; grants nothing",
  "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy":
    "encryption and network settings; grants nothing",
  "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy":
    "OpenSearch Serverless's own data-access grammar (Rules/Principal), not an IAM document; no eventstack resource uses it",
  "aws:verifiedaccess/endpoint:Endpoint": "a Cedar policy of Verified Access, not an IAM document",
  "aws:verifiedaccess/group:Group": "a Cedar policy of Verified Access, not an IAM document",
  "aws:cfg/organizationCustomPolicyRule:OrganizationCustomPolicyRule":
    "an AWS Config Guard rule; grants nothing",
  "aws:iot/policyAttachment:PolicyAttachment":
    "attaches an IoT policy by name; the policy is judged at aws:iot/policy:Policy",
  "aws:iot/thingPrincipalAttachment:ThingPrincipalAttachment":
    "binds a certificate to a thing; grants nothing",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation":
    "an EKS access policy (Kubernetes RBAC), not an IAM policy",
  "aws:quicksight/iamPolicyAssignment:IamPolicyAssignment":
    "assigns a policy to QuickSight users and groups (people), not to a workload",
  "aws:lakeformation/permissions:Permissions":
    "Lake Formation grants to one named principal; no wildcard principal exists",
  "aws:acmpca/permission:Permission": "the principal can only be acm.amazonaws.com",
  "aws:licensemanager/licenseGrant:LicenseGrant": "grants a license to one named account principal",
  "aws:datazone/policyGrant:PolicyGrant": "a DataZone domain grant to a named DataZone principal",
  "aws:ram/principalAssociation:PrincipalAssociation":
    "shares a resource share with one named account, OU or organization",
  "aws:signer/signingProfilePermission:SigningProfilePermission":
    "grants a signing profile to one named account principal",
};

const AWS_DIR = join(PROJECT_DIR, "node_modules/@pulumi/aws");

function coveredBy(token: string): string[] {
  return POLICIES.filter((p) =>
    Array.isArray(p.types) ? p.types.includes(token) : (p.types as RegExp).test(token),
  ).map((p) => p.meta.name);
}

describe("@pulumi/aws resource types that carry a grant", function () {
  this.timeout(60_000);
  const types = sdkTypes(AWS_DIR);
  const tokens = new Set(types.map((t) => t.token));
  const bearing = types.filter((t) => t.inputs.some((p) => GRANT_PROPERTIES.has(p)));

  it("the SDK scan finds the types it must (sanity of the reader)", () => {
    assert.ok(types.length > 1000, `read ${types.length} types`);
    for (const t of [
      "aws:iam/role:Role",
      "aws:sqs/queuePolicy:QueuePolicy",
      "aws:cloudwatch/eventPermission:EventPermission",
    ]) {
      assert.ok(
        bearing.some((b) => b.token === t),
        t,
      );
    }
  });

  it("each is covered by a rule of the pack, or waived with a reason", () => {
    const missing = bearing
      .map((t) => t.token)
      .filter((t) => coveredBy(t).length === 0 && WAIVED[t] === undefined);
    assert.deepEqual(missing, []);
  });

  it("no type is both covered and waived, and every waived or covered type exists in the SDK", () => {
    for (const t of Object.keys(WAIVED)) {
      assert.ok(tokens.has(t), `waived type ${t} is not in @pulumi/aws`);
      assert.deepEqual(coveredBy(t), [], `${t} is waived but covered`);
    }
    for (const p of POLICIES) {
      if (!Array.isArray(p.types)) continue;
      for (const t of p.types.filter((x) => x.startsWith("aws:"))) {
        assert.ok(tokens.has(t), `${p.meta.name} names ${t}, which @pulumi/aws does not define`);
      }
    }
  });
});
