import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import {
  grantPropsSchema,
  readableGrants,
  IAM_GRANT_TYPES,
  PUBLIC_MEMBERS,
} from "../../lib/gcp/iam-grants";
import { field } from "../../lib/values";

const CLOUD_RUN_V2_SERVICE = "gcp:cloudrunv2/service:Service";

/** No IAM grant makes a resource public, and no Cloud Run service turns off invoker IAM. */
export const gcpIamMemberDisallowPublicAccess = resourcePolicy(
  {
    name: "gcp-iam-member-disallow-public-access",
    description:
      "Cloud Run services, Pub/Sub topics and subscriptions, secrets, the project and every other resource must not be granted to allUsers or allAuthenticatedUsers.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["gcp", "iam", "security", "public-access"],
    remediationSteps:
      "Grant the role to the specific service account or group that needs it; for Cloud Run keep invoker IAM on and grant roles/run.invoker to the push subscription's service account.",
    checkovId: "CKV_GCP_102, CKV_GCP_99",
  },
  {
    types: new RegExp(`${IAM_GRANT_TYPES.source}|^${CLOUD_RUN_V2_SERVICE}$`, "i"),
    schema: grantPropsSchema.extend({ invokerIamDisabled: field(z.boolean()) }),
    check: (props, ctx) => {
      if (ctx.type === CLOUD_RUN_V2_SERVICE) {
        if (props.invokerIamDisabled === true) {
          ctx.report(
            "invokerIamDisabled must be false so only granted principals can invoke the service, got true.",
          );
        }
        return;
      }
      const grants = readableGrants(ctx.type, props, (m) => ctx.report(m));
      for (const grant of grants ?? []) {
        const open = grant.members.filter((m) => PUBLIC_MEMBERS.includes(m));
        if (open.length > 0) {
          ctx.report(
            `${grant.path} must name specific principals for ${JSON.stringify(grant.role)}, got ${open.map((m) => JSON.stringify(m)).join(", ")}.`,
          );
        }
      }
    },
  },
);
