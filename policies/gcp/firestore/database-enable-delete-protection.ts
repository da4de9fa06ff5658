import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** Firestore refuses to delete a database with delete protection, whoever asks. */
export const gcpFirestoreDatabaseEnableDeleteProtection = resourcePolicy(
  {
    name: "gcp-firestore-database-enable-delete-protection",
    description: "Firestore databases must enable delete protection.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "firestore", "protection", "data-loss"],
    remediationSteps:
      'Set `deleteProtectionState: "DELETE_PROTECTION_ENABLED"` (https://cloud.google.com/firestore/docs/manage-databases#delete_protection); disable it deliberately before deleting the database.',
  },
  {
    types: ["gcp:firestore/database:Database"],
    schema: z.looseObject({ deleteProtectionState: field(z.string()) }),
    check: (props, ctx) => {
      const state = props.deleteProtectionState;
      if (isUnknown(state) || state === "DELETE_PROTECTION_ENABLED") return;
      ctx.report(
        `deleteProtectionState must be "DELETE_PROTECTION_ENABLED", got ${JSON.stringify(state ?? "DELETE_PROTECTION_STATE_UNSPECIFIED (the default, disabled)")}.`,
      );
    },
  },
);
