import { z } from "zod";
import { stackPolicy } from "../../lib/define";
import { isProductionStack } from "../../lib/production";
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
export const gcpFirestoreDatabaseEnablePointInTimeRecovery = stackPolicy(
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
  {
    types: ["gcp:firestore/database:Database"],
    check: (resources, ctx) => {
      if (!isProductionStack(resources)) return;
      for (const r of resources) {
        if (r.type !== "gcp:firestore/database:Database") continue;
        const parsed = schema.safeParse(r.props);
        if (!parsed.success) {
          ctx.report("the properties must be readable to be judged.", r.urn);
          continue;
        }
        const props = parsed.data;
        const report = (message: string) => ctx.report(message, r.urn);
        judge(props, report);
      }
    },
  },
);
