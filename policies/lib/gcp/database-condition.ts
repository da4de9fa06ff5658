/**
 * Firestore has no per-database IAM policy: a grant scoped to one database is a project-level
 * grant with an IAM condition on `resource.name`
 * (https://cloud.google.com/firestore/docs/security/iam#iam_conditions).
 */
import { isRecord } from "../values";

/** The Firestore / Datastore roles (`roles/datastore.user`, `.viewer`, `.owner`, …). */
export const DATASTORE_ROLE = /^roles\/datastore\./;

/** `resource.name == "projects/<project>/databases/<id>"`, and nothing else. */
const ONE_DATABASE =
  /^\s*resource\.name\s*==\s*(["'])projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/databases\/([a-z][a-z0-9-]{2,61}[a-z0-9]|\(default\))\1\s*$/;

/** The condition's expression, when the grant has one. */
export function conditionExpression(condition: unknown): string | undefined {
  return isRecord(condition) && typeof condition.expression === "string"
    ? condition.expression
    : undefined;
}

/**
 * The one database a condition limits a grant to (`projects/<p>/databases/<id>`), or undefined
 * when it names none, several, or a pattern (`startsWith`, `matches`, `||`, a wildcard).
 */
export function pinnedDatabase(condition: unknown): string | undefined {
  const expression = conditionExpression(condition);
  const m = expression === undefined ? null : ONE_DATABASE.exec(expression);
  return m === null ? undefined : `projects/${m[2]}/databases/${m[3]}`;
}
