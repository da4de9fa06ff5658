import { resourcePolicy } from "../../lib/define";
import { checkStatements, quoteAll } from "../../lib/aws/document-rule";
import { DOCUMENT_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

/** An action or ARN with IAM's wildcards (`*` any run, `?` one character). */
const WILD = /[*?]/;

/**
 * DynamoDB's data-plane actions: those that read or write items (Service Authorization Reference,
 * Amazon DynamoDB, https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
 * Control-plane grants (CreateTable, UpdateTimeToLive, …) are the deployer's, scoped to the
 * stack's name prefix, and not judged here.
 */
export const DATA_PLANE_ACTIONS: readonly string[] = [
  "batchgetitem",
  "batchwriteitem",
  "conditioncheckitem",
  "deleteitem",
  "getitem",
  "getrecords",
  "partiqldelete",
  "partiqlinsert",
  "partiqlselect",
  "partiqlupdate",
  "putitem",
  "query",
  "scan",
  "updateitem",
];

/** IAM's glob (`*` any run, `?` one character) as a case-insensitive expression. */
function globPattern(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/** The statement's actions that reach DynamoDB's data plane (`*`, `dynamodb:*Item`, `dynamodb:GetItem`). */
function dataPlaneActions(actions: readonly string[]): string[] {
  return actions.filter((a) => {
    const pattern = globPattern(a);
    return DATA_PLANE_ACTIONS.some((d) => pattern.test(`dynamodb:${d}`));
  });
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
      "Allow statements granting DynamoDB data-plane (item) actions must name each action and each table ARN, without wildcards.",
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
        const actions = dataPlaneActions(s.actions);
        if (actions.length === 0) return undefined;
        const globbed = actions.filter((a) => WILD.test(a));
        if (globbed.length > 0) {
          return `DynamoDB item actions must be named one by one, got ${quoteAll(globbed)}.`;
        }
        const tables = (s.resources ?? []).filter(reachesUnnamedTables);
        return tables.length > 0
          ? `DynamoDB item actions must name each table's ARN, got ${quoteAll(tables)}.`
          : undefined;
      }),
  },
);
