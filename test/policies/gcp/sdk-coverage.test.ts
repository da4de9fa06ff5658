/**
 * Every @pulumi/gcp IAM grant type — `*IamMember`, `*IamBinding`, `*IamPolicy` at every level and
 * on every resource — is read by the pack's grant rules, or waived here with the reason it grants
 * nothing; so are the Cloud Run services (v1 and v2), whose invoker check can be turned off.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gcpIamBindingDisallowBasicRoles } from "../../../policies/gcp/iam/disallow-basic-roles";
import { gcpIamMemberDisallowPublicAccess } from "../../../policies/gcp/iam/disallow-public-access";
import { gcpIamProjectDisallowBroadDataAccess } from "../../../policies/gcp/iam/disallow-broad-data-access";
import { gcpIamProjectDisallowImpersonationRoles } from "../../../policies/gcp/iam/disallow-project-impersonation";
import type { PackPolicy } from "../../../policies/lib/define";
import { PROJECT_DIR } from "../../support/plan";
import { sdkTypes } from "../support/sdk-types";

const WAIVED: Readonly<Record<string, string>> = {
  "gcp:projects/iamMemberRemove:IamMemberRemove": "removes a member from a role; grants nothing",
};

const matches = (p: PackPolicy, token: string) =>
  Array.isArray(p.types) ? p.types.includes(token) : (p.types as RegExp).test(token);

describe("@pulumi/gcp resource types that carry a grant", function () {
  this.timeout(60_000);
  const types = sdkTypes(join(PROJECT_DIR, "node_modules/@pulumi/gcp"));
  const tokens = new Set(types.map((t) => t.token));
  const grants = types.filter(
    (t) =>
      t.inputs.includes("policyData") ||
      (t.inputs.includes("role") && (t.inputs.includes("member") || t.inputs.includes("members"))),
  );

  it("the SDK scan finds grant types at every level (sanity of the reader)", () => {
    assert.ok(grants.length > 400, `found ${grants.length}`);
    for (const t of [
      "gcp:projects/iAMMember:IAMMember",
      "gcp:folder/iAMBinding:IAMBinding",
      "gcp:organizations/iAMPolicy:IAMPolicy",
      "gcp:cloudrun/iamMember:IamMember",
      "gcp:cloudrunv2/jobIamBinding:JobIamBinding",
      "gcp:healthcare/hl7StoreIamMember:Hl7StoreIamMember",
    ]) {
      assert.ok(
        grants.some((g) => g.token === t),
        t,
      );
    }
  });

  it("every grant type is read by the public-access and basic-role rules, or waived", () => {
    const missing = grants
      .map((g) => g.token)
      .filter((t) => WAIVED[t] === undefined)
      .filter(
        (t) =>
          !matches(gcpIamMemberDisallowPublicAccess, t) ||
          !matches(gcpIamBindingDisallowBasicRoles, t),
      );
    assert.deepEqual(missing, []);
    for (const t of Object.keys(WAIVED)) assert.ok(tokens.has(t), t);
  });

  it("the hierarchy rules read every project, folder and organization grant type", () => {
    const hierarchy = grants
      .map((g) => g.token)
      .filter((t) => /^gcp:(projects|folder|organizations)\//.test(t) && WAIVED[t] === undefined);
    assert.equal(hierarchy.length, 9);
    for (const t of hierarchy) {
      assert.ok(matches(gcpIamProjectDisallowImpersonationRoles, t), t);
      assert.ok(matches(gcpIamProjectDisallowBroadDataAccess, t), t);
    }
  });

  it("Cloud Run v1 and v2 services are read for a disabled invoker check", () => {
    for (const t of ["gcp:cloudrun/service:Service", "gcp:cloudrunv2/service:Service"]) {
      assert.ok(tokens.has(t), t);
      assert.ok(matches(gcpIamMemberDisallowPublicAccess, t), t);
    }
  });
});
