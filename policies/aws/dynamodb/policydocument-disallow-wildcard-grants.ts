import { resourcePolicy } from "../../lib/define";
import { checkStatements, quoteAll } from "../../lib/aws/document-rule";
import { DOCUMENT_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

/** An action or ARN with IAM's wildcards (`*` any run, `?` one character). */
const WILD = /[*?]/;

/** The DynamoDB actions a statement names (case-insensitive service prefix, as IAM reads it). */
function dynamodbActions(actions: readonly string[]): string[] {
  return actions.filter((a) => a.toLowerCase().startsWith("dynamodb:") || a === "*");
}

/**
 * Whether a resource reaches tables it does not name: `*`, or a DynamoDB ARN with a wildcard up to
 * and including the table name (`table/T/index/*`, every index of one table, names its table).
 */
function reachesUnnamedTables(resource: string): boolean {
  if (resource === "*") return true;
  if (!/^arn:[^:]+:dynamodb:/i.test(resource)) return false;
  const table = /^(arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]*)/i.exec(resource)?.[1];
  return WILD.test(table ?? resource);
}

/**
 * DynamoDB data-plane grants name their actions and tables: no action glob (`dynamodb:*Item`
 * reaches writes and deletes alike) and no table pattern (`table/*`, `table/app-*`) that reaches
 * tables a later stack creates.
 */
export const awsDynamodbPolicyDocumentDisallowWildcardGrants = resourcePolicy(
  {
    name: "aws-dynamodb-policydocument-disallow-wildcard-grants",
    description:
      "Allow statements granting DynamoDB actions must name each action and each table ARN, without wildcards.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "dynamodb", "iam", "security", "least-privilege"],
    remediationSteps:
      "List the item actions the code uses (e.g. dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem) on the table's own ARN; narrow the items with the dynamodb:LeadingKeys condition.",
  },
  {
    types: DOCUMENT_TYPES,
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["identity", "resource"], (s) => {
        if (s.effect !== "Allow" || s.actions === undefined) return undefined;
        const actions = dynamodbActions(s.actions);
        if (actions.length === 0) return undefined;
        const globbed = actions.filter((a) => WILD.test(a));
        if (globbed.length > 0) {
          return `DynamoDB actions must be named one by one, got ${quoteAll(globbed)}.`;
        }
        const tables = (s.resources ?? []).filter(reachesUnnamedTables);
        return tables.length > 0
          ? `DynamoDB actions must name each table's ARN, got ${quoteAll(tables)}.`
          : undefined;
      }),
  },
);
