import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** DynamoDB refuses DeleteTable on a table with deletion protection, whoever asks. */
export const awsDynamodbTableEnableDeletionProtection = resourcePolicy(
  {
    name: "aws-dynamodb-table-enable-deletion-protection",
    description: "DynamoDB tables must enable deletion protection.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "dynamodb", "protection", "data-loss"],
    remediationSteps:
      "Set `deletionProtectionEnabled: true` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection); turn it off deliberately before deleting the table.",
  },
  {
    types: ["aws:dynamodb/table:Table"],
    schema: z.looseObject({ deletionProtectionEnabled: field(z.boolean()) }),
    check: (props, ctx) => {
      const on = props.deletionProtectionEnabled;
      if (on === true || isUnknown(on)) return;
      ctx.report(`deletionProtectionEnabled must be true, got ${JSON.stringify(on ?? false)}.`);
    },
  },
);
