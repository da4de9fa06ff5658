import { resourcePolicy } from "../../lib/define";
import {
  grantPropsSchema,
  readableGrants,
  HIERARCHY_GRANT_TYPES,
  hierarchyLevel,
} from "../../lib/gcp/iam-grants";
import { isUnknown } from "../../lib/values";

/** Roles that let a principal act as, or mint tokens for, a service account. */
const IMPERSONATION_ROLES: readonly string[] = [
  "roles/iam.serviceAccountTokenCreator",
  "roles/iam.serviceAccountUser",
  "roles/iam.serviceAccountOpenIdTokenCreator",
  "roles/iam.serviceAccountKeyAdmin",
  "roles/iam.workloadIdentityUser",
];

/**
 * No project-, folder- or organisation-level grant lets a principal impersonate every service
 * account below it (a folder or organisation grant reaches every project it holds).
 */
export const gcpIamProjectDisallowImpersonationRoles = resourcePolicy(
  {
    name: "gcp-iam-project-disallow-impersonation-roles",
    description:
      "Service-account token-creator and user roles must be granted on one service account, never at project, folder or organization level.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "iam", "security", "least-privilege"],
    remediationSteps:
      "Grant the role with `gcp.serviceaccount.IAMMember` on the one service account the principal must act as.",
    checkovId: "CKV_GCP_41, CKV_GCP_49",
  },
  {
    types: HIERARCHY_GRANT_TYPES,
    schema: grantPropsSchema,
    check: (props, ctx) => {
      const grants = readableGrants(ctx.type, props, (m) => ctx.report(m));
      for (const grant of grants ?? []) {
        if (!isUnknown(grant.role) && IMPERSONATION_ROLES.includes(grant.role)) {
          ctx.report(
            `${grant.path} must not grant ${JSON.stringify(grant.role)} at ${hierarchyLevel(ctx.type)} level (to ${grant.members.map((m) => JSON.stringify(m)).join(", ") || "no members"}); grant it on the one service account instead.`,
          );
        }
      }
    },
  },
);
