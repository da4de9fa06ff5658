import { resourcePolicy } from "../../lib/define";
import {
  BASIC_ROLES,
  grantPropsSchema,
  readableGrants,
  IAM_GRANT_TYPES,
} from "../../lib/gcp/iam-grants";
import { isUnknown } from "../../lib/values";

/** No IAM grant, at any level, uses the basic roles owner, editor or viewer. */
export const gcpIamBindingDisallowBasicRoles = resourcePolicy(
  {
    name: "gcp-iam-binding-disallow-basic-roles",
    description:
      "IAM grants must not use the basic roles roles/owner, roles/editor or roles/viewer, at any level.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "iam", "security", "least-privilege"],
    remediationSteps:
      "Grant the predefined role that covers the task (e.g. roles/pubsub.publisher, roles/run.invoker) on the resource it concerns instead.",
    checkovId: "CKV_GCP_117, CKV_GCP_116, CKV_GCP_115",
  },
  {
    types: IAM_GRANT_TYPES,
    schema: grantPropsSchema,
    check: (props, ctx) => {
      const grants = readableGrants(ctx.type, props, (m) => ctx.report(m));
      for (const grant of grants ?? []) {
        if (!isUnknown(grant.role) && BASIC_ROLES.includes(grant.role)) {
          ctx.report(
            `${grant.path} must grant a predefined or custom role, got the basic role ${JSON.stringify(grant.role)}.`,
          );
        }
      }
    },
  },
);
