import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field } from "../../lib/values";

/** No service-account keys: workloads use attached service accounts or workload identity. */
export const gcpServiceAccountKeyDisallowUserManagedKeys = resourcePolicy(
  {
    name: "gcp-serviceaccount-key-disallow-user-managed-keys",
    description:
      "Service-account keys must not be created; workloads authenticate as attached service accounts.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "iam", "security", "credentials"],
    remediationSteps:
      "Remove the `gcp.serviceaccount.Key`; attach the service account to the workload, or use workload identity federation from outside GCP.",
    checkovId: "CKV2_GCP_3",
  },
  {
    types: ["gcp:serviceaccount/key:Key"],
    schema: z.looseObject({ serviceAccountId: field(z.string()) }),
    check: (props, ctx) => {
      ctx.report(
        `service accounts must not have user-managed keys, got a key for ${JSON.stringify(props.serviceAccountId ?? ctx.name)}.`,
      );
    },
  },
);
