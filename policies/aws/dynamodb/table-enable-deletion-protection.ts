import { z } from "zod";
import { productionPolicy } from "../../lib/production-rule";
import { field, isUnknown } from "../../lib/values";

const schema = z.looseObject({ deletionProtectionEnabled: field(z.boolean()) });

function judge(props: z.infer<typeof schema>, report: (message: string) => void): void {
  const on = props.deletionProtectionEnabled;
  if (on === true || isUnknown(on)) return;
  report(`deletionProtectionEnabled must be true, got ${JSON.stringify(on ?? false)}.`);
}

/** DynamoDB refuses DeleteTable on a table with deletion protection, whoever asks. */
export const awsDynamodbTableEnableDeletionProtection = productionPolicy(
  {
    name: "aws-dynamodb-table-enable-deletion-protection",
    description: "In a production stack, DynamoDB tables must enable deletion protection.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "dynamodb", "protection", "data-loss"],
    remediationSteps:
      "Set `deletionProtectionEnabled: true` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection); turn it off deliberately before deleting the table. A stack is production when a resource, or the provider's `defaultTags`, carries the tag `environment: prod` (or `production`).",
  },
  { type: "aws:dynamodb/table:Table", schema, judge },
);
