import { z } from "zod";
import { productionPolicy } from "../../lib/production-rule";
import { field, isUnknown } from "../../lib/values";

const schema = z.looseObject({ pointInTimeRecoveryEnablement: field(z.string()) });

function judge(props: z.infer<typeof schema>, report: (message: string) => void): void {
  const pitr = props.pointInTimeRecoveryEnablement;
  if (isUnknown(pitr) || pitr === "POINT_IN_TIME_RECOVERY_ENABLED") return;
  report(
    `pointInTimeRecoveryEnablement must be "POINT_IN_TIME_RECOVERY_ENABLED", got ${JSON.stringify(pitr ?? "POINT_IN_TIME_RECOVERY_DISABLED (the default)")}.`,
  );
}

/** Firestore databases keep 7 days of versions, so a bad write can be read back and restored. */
export const gcpFirestoreDatabaseEnablePointInTimeRecovery = productionPolicy(
  {
    name: "gcp-firestore-database-enable-point-in-time-recovery",
    description:
      "In a production stack, Firestore databases must enable point-in-time recovery (7 days of versions instead of 1 hour).",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["gcp", "firestore", "backup", "data-protection", "data-loss"],
    remediationSteps:
      'Set `pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED"` (https://cloud.google.com/firestore/docs/pitr). A stack is production when a resource carries the label `environment: prod` (or `production`).',
  },
  { type: "gcp:firestore/database:Database", schema, judge },
);
