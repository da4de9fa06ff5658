/**
 * AWS policy documents (identity, trust and resource policies) as untrusted data: given as JSON
 * text or as an object, `Statement` an object or a list, `Action`/`Resource` a string or a list,
 * `Principal` `"*"` or a map. Parsed with a schema, then normalised to lists.
 */
import { z } from "zod";
import { isUnknown, stringsIn } from "../values";
import { expandAction, hasWildcard } from "./action-catalogue";
import { pinsOwner } from "./arn-patterns";

const stringOrList = z.union([z.string(), z.array(z.string())]);
const conditionValue = z.union([
  z.string(),
  z.boolean(),
  z.number(),
  z.array(z.union([z.string(), z.boolean(), z.number()])),
]);

const principalSchema = z.union([z.literal("*"), z.record(z.string(), stringOrList)]);

const statementSchema = z.looseObject({
  Sid: z.string().optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Principal: principalSchema.optional(),
  NotPrincipal: principalSchema.optional(),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Resource: stringOrList.optional(),
  NotResource: stringOrList.optional(),
  Condition: z.record(z.string(), z.record(z.string(), conditionValue)).optional(),
});

export const policyDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.union([statementSchema, z.array(statementSchema)]),
});

/** A principal: `"*"`, or principal kind (`AWS`, `Service`, `Federated`, …) → values. */
export type Principal = "*" | Readonly<Record<string, readonly string[]>>;

/** One statement with every list-or-string normalised to a list. */
export interface Statement {
  /** `Sid`, or the statement's position when it has none. */
  readonly label: string;
  readonly effect: "Allow" | "Deny";
  readonly principal: Principal | undefined;
  /** `NotPrincipal`: with Allow, everyone except these. */
  readonly notPrincipal: Principal | undefined;
  readonly actions: readonly string[] | undefined;
  readonly notActions: readonly string[] | undefined;
  readonly resources: readonly string[] | undefined;
  readonly notResources: readonly string[] | undefined;
  /** Operator → condition key → values (as strings). */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export type DocumentParse =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly problem: string }
  | { readonly kind: "ok"; readonly statements: readonly Statement[] };

const list = (v: string | readonly string[] | undefined): readonly string[] | undefined =>
  v === undefined ? undefined : typeof v === "string" ? [v] : v;

function normalisePrincipal(p: z.infer<typeof principalSchema> | undefined): Principal | undefined {
  if (p === undefined || p === "*") return p;
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, list(v) ?? []]));
}

/** Parses a policy document given as JSON text or as an object. */
export function parsePolicyDocument(value: unknown): DocumentParse {
  if (value === undefined || value === null || value === "") return { kind: "absent" };
  if (isUnknown(value)) return { kind: "unknown" };
  let data: unknown = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value) as unknown;
    } catch (err) {
      return { kind: "invalid", problem: `not valid JSON (${(err as Error).message})` };
    }
  }
  const parsed = policyDocumentSchema.safeParse(data);
  // A document given as an object may hold values not known yet (a Principal, a Condition, a whole
  // statement) where the schema wants an object: its shape cannot be judged before apply.
  if (!parsed.success && stringsIn(data).some(isUnknown)) return { kind: "unknown" };
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") || "(root)";
    return { kind: "invalid", problem: `${path}: ${issue?.message ?? "unexpected shape"}` };
  }
  const raw = Array.isArray(parsed.data.Statement)
    ? parsed.data.Statement
    : [parsed.data.Statement];
  const statements = raw.map((s, i): Statement => ({
    label: s.Sid !== undefined && s.Sid !== "" ? `statement "${s.Sid}"` : `statement ${i + 1}`,
    effect: s.Effect,
    principal: normalisePrincipal(s.Principal),
    notPrincipal: normalisePrincipal(s.NotPrincipal),
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    conditions: Object.fromEntries(
      Object.entries(s.Condition ?? {}).map(([op, keys]) => [
        op,
        Object.fromEntries(
          Object.entries(keys).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]),
        ),
      ]),
    ),
  }));
  return { kind: "ok", statements };
}

/**
 * True when an `Action` entry grants every action of some service, as IAM expands it: `"*"`,
 * `service:*`, and globs such as `s?s:*` or `sqs:*e*` that match all of a service's actions.
 */
export function isWildcardAction(action: string): boolean {
  if (/^([a-z0-9-]+:)?\*$/i.test(action.trim())) return true;
  return hasWildcard(action) && expandAction(action).wholeServices.length > 0;
}

/** True when a principal is anyone: `"*"`, `{ AWS: "*" }` or a list holding `"*"`. */
export function isAnyPrincipal(principal: Principal | undefined): boolean {
  if (principal === undefined) return false;
  if (principal === "*") return true;
  return Object.entries(principal).some(
    ([kind, values]) => kind.toUpperCase() === "AWS" && values.includes("*"),
  );
}

/**
 * True when an Allow statement admits any principal: a wildcard `Principal`, or a `NotPrincipal`
 * (which allows everyone except the principals it lists).
 */
export function allowsAnyPrincipal(statement: Statement): boolean {
  return (
    statement.effect === "Allow" &&
    (isAnyPrincipal(statement.principal) || statement.notPrincipal !== undefined)
  );
}

/** The principal element of a statement, for a message. */
export function describePrincipal(statement: Statement): string {
  return statement.notPrincipal !== undefined
    ? `NotPrincipal ${JSON.stringify(statement.notPrincipal)}`
    : JSON.stringify(statement.principal);
}

/** Condition keys that tie a `*` principal to an account, organisation, source or network. */
const SCOPING_KEYS = new Set(
  [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "kms:CallerAccount",
  ].map((k) => k.toLowerCase()),
);

/**
 * Operators that narrow (not negate) a key. `ForAnyValue:` may prefix them; `ForAllValues:` may
 * not: it is true when the key is absent from the request, so it scopes nothing.
 */
const NARROWING_OPERATOR =
  /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)(IfExists)?$/;

/**
 * Operators that evaluate `*` and `?` as wildcards: StringLike, and both ARN operators (IAM User
 * Guide, "Condition operators",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * StringEquals compares literally.
 */
const GLOB_OPERATOR = /(StringLike|ArnEquals|ArnLike)$/;

/** Condition keys whose values are ARNs. */
const ARN_KEYS = new Set(["aws:sourcearn", "aws:principalarn"]);
/** Condition keys whose values are organisation paths (`o-…/r-…/ou-…/`). */
const ORG_PATH_KEYS = new Set(["aws:sourceorgpaths", "aws:principalorgpaths"]);

/** True when one condition value, as the operator evaluates it, pins the key to an owner. */
function pinsValue(key: string, value: string, globbing: boolean): boolean {
  if (value === "" || value === "*") return false;
  if (!globbing || !hasWildcard(value)) return true;
  if (ARN_KEYS.has(key)) return pinsOwner(value);
  // An organisation path is scoped by its organisation id: `o-abc123/*` pins, `o-*` does not.
  if (ORG_PATH_KEYS.has(key)) return !hasWildcard(value.split("/")[0] ?? "");
  return false;
}

/** The scoping condition keys a statement narrows with values that pin an owner. */
export function scopingConditionKeys(statement: Statement): string[] {
  const keys: string[] = [];
  for (const [op, entries] of Object.entries(statement.conditions)) {
    if (!NARROWING_OPERATOR.test(op) || op.endsWith("IfExists")) continue;
    const globbing = GLOB_OPERATOR.test(op);
    for (const [key, values] of Object.entries(entries)) {
      const k = key.toLowerCase();
      const pinned = values.length > 0 && values.every((v) => pinsValue(k, v, globbing));
      if (SCOPING_KEYS.has(k) && pinned) keys.push(key);
    }
  }
  return keys;
}
