import { z } from "zod";
import { productionPolicy } from "../../lib/production-rule";
import { field, isUnknown } from "../../lib/values";

const schema = z.looseObject({
  pointInTimeRecovery: field(z.looseObject({ enabled: field(z.boolean()) })),
});

function judge(props: z.infer<typeof schema>, report: (message: string) => void): void {
  const pitr = props.pointInTimeRecovery;
  if (isUnknown(pitr)) return;
  const enabled = typeof pitr === "object" && pitr !== null ? pitr.enabled : undefined;
  if (enabled === true || isUnknown(enabled)) return;
  report(`pointInTimeRecovery.enabled must be true, got ${JSON.stringify(enabled ?? false)}.`);
}

/** DynamoDB tables keep continuous backups, so a table can be restored to any second of 35 days. */
export const awsDynamodbTableEnablePointInTimeRecovery = productionPolicy(
  {
    name: "aws-dynamodb-table-enable-point-in-time-recovery",
    description: "In a production stack, DynamoDB tables must enable point-in-time recovery.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "dynamodb", "backup", "data-protection", "data-loss"],
    remediationSteps:
      "Set `pointInTimeRecovery: { enabled: true }` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html). A stack is production when a resource, or the provider's `defaultTags`, carries the tag `environment: prod` (or `production`).",
    checkovId: "CKV_AWS_28",
    cdkNagId: "AwsSolutions-DDB3",
  },
  { type: "aws:dynamodb/table:Table", schema, judge },
);
