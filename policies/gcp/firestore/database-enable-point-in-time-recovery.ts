import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** Firestore databases keep 7 days of versions, so a bad write can be read back and restored. */
export const gcpFirestoreDatabaseEnablePointInTimeRecovery = resourcePolicy(
  {
    name: "gcp-firestore-database-enable-point-in-time-recovery",
    description:
      "Firestore databases must enable point-in-time recovery (7 days of versions instead of 1 hour).",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["gcp", "firestore", "backup", "data-protection"],
    remediationSteps:
      'Set `pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED"` (https://cloud.google.com/firestore/docs/pitr).',
  },
  {
    types: ["gcp:firestore/database:Database"],
    schema: z.looseObject({ pointInTimeRecoveryEnablement: field(z.string()) }),
    check: (props, ctx) => {
      const pitr = props.pointInTimeRecoveryEnablement;
      if (isUnknown(pitr) || pitr === "POINT_IN_TIME_RECOVERY_ENABLED") return;
      ctx.report(
        `pointInTimeRecoveryEnablement must be "POINT_IN_TIME_RECOVERY_ENABLED", got ${JSON.stringify(pitr ?? "POINT_IN_TIME_RECOVERY_DISABLED (the default)")}.`,
      );
    },
  },
);
