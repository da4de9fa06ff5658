import { resourcePolicy } from "../../lib/define";
import {
  conditionExpression,
  DATASTORE_ROLE,
  pinnedDatabase,
} from "../../lib/gcp/database-condition";
import { grantPropsSchema, HIERARCHY_GRANT_TYPES, readableGrants } from "../../lib/gcp/iam-grants";
import { isUnknown } from "../../lib/values";

/**
 * A Firestore role granted above the database must be narrowed to exactly one database: a
 * condition that matches database names by prefix, pattern or alternatives reaches every database
 * a later stack creates under that name.
 */
export const gcpIamProjectDisallowWildcardDatabaseCondition = resourcePolicy(
  {
    name: "gcp-iam-project-disallow-wildcard-database-condition",
    description:
      "A Firestore (roles/datastore.*) grant at project, folder or organization level that carries a condition must name exactly one database, never a prefix, pattern or several.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "iam", "firestore", "security", "least-privilege"],
    remediationSteps:
      'Set the grant\'s condition to `resource.name == "projects/<project>/databases/<database id>"`, one grant per database.',
  },
  {
    types: HIERARCHY_GRANT_TYPES,
    schema: grantPropsSchema,
    check: (props, ctx) => {
      const expression = conditionExpression(props.condition);
      if (expression === undefined || isUnknown(expression)) return;
      for (const grant of readableGrants(ctx.type, props, (m) => ctx.report(m)) ?? []) {
        if (isUnknown(grant.role) || !DATASTORE_ROLE.test(grant.role)) continue;
        if (pinnedDatabase(props.condition) !== undefined) continue;
        ctx.report(
          `condition.expression must limit ${JSON.stringify(grant.role)} to one database (resource.name == "projects/<p>/databases/<id>"), got ${JSON.stringify(expression)}.`,
        );
      }
    },
  },
);
