import { z } from "zod";
import { productionPolicy } from "../../lib/production-rule";
import { field, isUnknown } from "../../lib/values";

const schema = z.looseObject({ deleteProtectionState: field(z.string()) });

function judge(props: z.infer<typeof schema>, report: (message: string) => void): void {
  const state = props.deleteProtectionState;
  if (isUnknown(state) || state === "DELETE_PROTECTION_ENABLED") return;
  report(
    `deleteProtectionState must be "DELETE_PROTECTION_ENABLED", got ${JSON.stringify(state ?? "DELETE_PROTECTION_STATE_UNSPECIFIED (the default, disabled)")}.`,
  );
}

/** Firestore refuses to delete a database with delete protection, whoever asks. */
export const gcpFirestoreDatabaseEnableDeleteProtection = productionPolicy(
  {
    name: "gcp-firestore-database-enable-delete-protection",
    description: "In a production stack, Firestore databases must enable delete protection.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "firestore", "protection", "data-loss"],
    remediationSteps:
      'Set `deleteProtectionState: "DELETE_PROTECTION_ENABLED"` (https://cloud.google.com/firestore/docs/manage-databases#delete_protection); disable it deliberately before deleting the database. A stack is production when a resource carries the label `environment: prod` (or `production`).',
  },
  { type: "gcp:firestore/database:Database", schema, judge },
);
