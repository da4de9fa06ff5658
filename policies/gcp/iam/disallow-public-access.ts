import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import {
  grantPropsSchema,
  readableGrants,
  IAM_GRANT_TYPES,
  PUBLIC_MEMBERS,
} from "../../lib/gcp/iam-grants";
import { field, isRecord } from "../../lib/values";

const CLOUD_RUN_V2_SERVICE = "gcp:cloudrunv2/service:Service";
const CLOUD_RUN_V1_SERVICE = "gcp:cloudrun/service:Service";

/**
 * Google documents two ways to make a Cloud Run service public
 * (https://cloud.google.com/run/docs/authenticating/public): granting roles/run.invoker to
 * allUsers, or disabling the invoker IAM check — `invokerIamDisabled` in the v2 API, the
 * `run.googleapis.com/invoker-iam-disabled: "true"` annotation on a v1 service's metadata
 * (hashicorp/terraform-provider-google#25560 quotes the same annotation).
 */
const INVOKER_IAM_DISABLED = "run.googleapis.com/invoker-iam-disabled";

function annotationDisablesInvokerIam(annotations: unknown): boolean {
  if (!isRecord(annotations)) return false;
  const v = annotations[INVOKER_IAM_DISABLED];
  return v === true || (typeof v === "string" && v.trim().toLowerCase() === "true");
}

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
    types: new RegExp(
      `${IAM_GRANT_TYPES.source}|^${CLOUD_RUN_V2_SERVICE}$|^${CLOUD_RUN_V1_SERVICE}$`,
      "i",
    ),
    schema: grantPropsSchema.extend({
      invokerIamDisabled: field(z.boolean()),
      annotations: z.unknown().optional(),
      metadata: z.unknown().optional(),
    }),
    check: (props, ctx) => {
      if (ctx.type === CLOUD_RUN_V2_SERVICE || ctx.type === CLOUD_RUN_V1_SERVICE) {
        if (props.invokerIamDisabled === true) {
          ctx.report(
            "invokerIamDisabled must be false so only granted principals can invoke the service, got true.",
          );
        }
        const metadata = isRecord(props.metadata) ? props.metadata.annotations : undefined;
        for (const [path, annotations] of [
          ["annotations", props.annotations],
          ["metadata.annotations", metadata],
        ] as const) {
          if (annotationDisablesInvokerIam(annotations)) {
            ctx.report(
              `${path} must not set ${JSON.stringify(INVOKER_IAM_DISABLED)} to "true", which lets anyone invoke the service.`,
            );
          }
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
