import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** DynamoDB tables keep continuous backups, so a table can be restored to any second of 35 days. */
export const awsDynamodbTableEnablePointInTimeRecovery = resourcePolicy(
  {
    name: "aws-dynamodb-table-enable-point-in-time-recovery",
    description: "DynamoDB tables must enable point-in-time recovery.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "dynamodb", "backup", "data-protection"],
    remediationSteps:
      "Set `pointInTimeRecovery: { enabled: true }` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html).",
    checkovId: "CKV_AWS_28",
    cdkNagId: "AwsSolutions-DDB3",
  },
  {
    types: ["aws:dynamodb/table:Table"],
    schema: z.looseObject({
      pointInTimeRecovery: field(z.looseObject({ enabled: field(z.boolean()) })),
    }),
    check: (props, ctx) => {
      const pitr = props.pointInTimeRecovery;
      if (isUnknown(pitr)) return;
      const enabled = typeof pitr === "object" && pitr !== null ? pitr.enabled : undefined;
      if (enabled === true || isUnknown(enabled)) return;
      ctx.report(
        `pointInTimeRecovery.enabled must be true, got ${JSON.stringify(enabled ?? false)}.`,
      );
    },
  },
);
