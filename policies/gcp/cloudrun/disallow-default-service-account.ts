import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { isDefaultServiceAccount } from "../../lib/gcp/iam-grants";
import { field, isSet, isUnknown, objectIn } from "../../lib/values";

const V2 = "gcp:cloudrunv2/service:Service";
const V1 = "gcp:cloudrun/service:Service";

/** Every Cloud Run service runs as a dedicated service account. */
export const gcpCloudRunServiceDisallowDefaultServiceAccount = resourcePolicy(
  {
    name: "gcp-cloudrun-service-disallow-default-service-account",
    description:
      "Cloud Run services must run as a dedicated service account, not the default Compute Engine one.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "cloudrun", "iam", "security", "least-privilege"],
    remediationSteps:
      "Create a `gcp.serviceaccount.Account` for the service, grant it only what the service needs, and set `template.serviceAccount` to its email.",
  },
  {
    types: [V2, V1],
    schema: z.looseObject({
      template: field(
        z.looseObject({
          serviceAccount: field(z.string()),
          spec: field(z.looseObject({ serviceAccountName: field(z.string()) })),
        }),
      ),
    }),
    check: (props, ctx) => {
      if (isUnknown(props.template)) return;
      const template = objectIn(props.template);
      const path = ctx.type === V2 ? "template.serviceAccount" : "template.spec.serviceAccountName";
      const spec = template?.spec;
      const email =
        ctx.type === V2
          ? template?.serviceAccount
          : isUnknown(spec)
            ? spec
            : objectIn(spec)?.serviceAccountName;
      if (!isSet(email)) {
        ctx.report(
          `${path} must name a dedicated service account, got none (the default Compute Engine account).`,
        );
      } else if (typeof email === "string" && !isUnknown(email) && isDefaultServiceAccount(email)) {
        ctx.report(
          `${path} must name a dedicated service account, got the default ${JSON.stringify(email)}.`,
        );
      }
    },
  },
);
