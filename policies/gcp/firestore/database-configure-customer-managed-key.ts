import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

/** Firestore databases are encrypted with a customer-managed Cloud KMS key. */
export const gcpFirestoreDatabaseConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "gcp-firestore-database-configure-customer-managed-key",
    description: "Firestore databases must be encrypted with a customer-managed Cloud KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["gcp", "firestore", ...CMK_TAGS],
    remediationSteps:
      "Set `cmekConfig.kmsKeyName` to a key in the database's location and grant the Firestore service agent (service-<number>@gcp-sa-firestore.iam.gserviceaccount.com) roles/cloudkms.cryptoKeyEncrypterDecrypter on it. A database's key is fixed at creation: create a new database.",
  },
  {
    types: ["gcp:firestore/database:Database"],
    schema: z.looseObject({
      cmekConfig: field(z.looseObject({ kmsKeyName: field(z.string()) })),
    }),
    check: (props, ctx) => {
      const cmek = props.cmekConfig;
      if (isUnknown(cmek)) return;
      const key = typeof cmek === "object" && cmek !== null ? cmek.kmsKeyName : undefined;
      if (!isSet(key)) {
        ctx.report("cmekConfig.kmsKeyName must name a customer-managed key, got none.");
      }
    },
  },
);
