/**
 * The shape of IAM policy documents (identity, trust, key, queue and topic policies), so the pure
 * builders in this folder return typed values that serialise to exactly what AWS receives.
 */

/** The only policy language version AWS accepts for new policies (SQS hangs without it). */
export const POLICY_VERSION = "2012-10-17";

/** A principal block: service principals or IAM ARNs. */
export interface PolicyPrincipal {
  readonly Service?: string;
  readonly AWS?: string | readonly string[];
}

/** Condition operator → condition key → value(s). */
export type PolicyCondition = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

/** One statement. Only `Allow` with `Action`/`Resource` is built here: never NotAction/NotResource. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

/** A whole policy document. */
export interface PolicyDocument {
  readonly Version: typeof POLICY_VERSION;
  readonly Statement: readonly PolicyStatement[];
}

/** Wraps statements in a document. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: POLICY_VERSION, Statement: statements };
}
