/**
 * ARNs as IAM evaluates them: in `Resource` and in the ARN condition operators each of the six
 * colon-separated fields may hold `*` (any run) or `?` (one character)
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 */
import { hasWildcard } from "./action-catalogue";

/** Only wildcards, at least one of them `*`: matches any value. */
const ANY = /^[*?]*\*[*?]*$/;
// A resource part that names no resource: `*`, `*/*`, `table/*`, `function:*`, `role/*`.
const ANY_RESOURCE_PART = /^([A-Za-z0-9-]+[/:])?[*?/:]*\*[*?/:]*$/;

interface ArnFields {
  readonly service: string;
  readonly account: string;
  readonly resource: string;
}

function arnFields(value: string): ArnFields | undefined {
  const parts = value.trim().split(":");
  if (parts[0]?.toLowerCase() !== "arn" || parts.length < 6) return undefined;
  return {
    service: parts[2] ?? "",
    account: parts[4] ?? "",
    resource: parts.slice(5).join(":"),
  };
}

/**
 * True when a `Resource` entry grants what `"*"` grants: `*` itself, an ARN cut short by a `*`
 * (`arn:aws:sqs:*`), or an ARN of any account whose resource part is all wildcards
 * (`arn:aws:sqs:*:*:*`, `arn:aws:iam::*:role/*`, `arn:aws:s3:::*`).
 */
export function isAnyResource(resource: string): boolean {
  const r = resource.trim();
  if (ANY.test(r)) return true;
  const parts = r.split(":");
  if (parts[0]?.toLowerCase() !== "arn") return false;
  // Fewer than six fields: a trailing `*` runs on over the remaining separators.
  if (parts.length < 6) return (parts[parts.length - 1] ?? "").endsWith("*");
  const fields = arnFields(r);
  if (fields === undefined) return false;
  // ARNs without an account (S3) start their resource part with the resource's own name
  // (`bucket/key`), so only an all-wildcard part names every resource.
  if (fields.account === "") return /^[*?/]*\*[*?/]*$/.test(fields.resource);
  const anyAccount = hasWildcard(fields.account);
  return (ANY.test(fields.service) || anyAccount) && ANY_RESOURCE_PART.test(fields.resource);
}

/**
 * True when an ARN pattern pins its owner: a concrete account, or (for services whose ARNs carry
 * none, such as S3) a resource named without wildcards. `arn:aws:sns:*:*:*` and
 * `arn:aws:sns:eu-west-1:*:orders` do not: any account can create a topic that matches.
 */
export function pinsOwner(arnPattern: string): boolean {
  const fields = arnFields(arnPattern);
  if (fields === undefined) return !hasWildcard(arnPattern) && arnPattern.trim() !== "";
  if (hasWildcard(fields.service)) return false;
  if (fields.account !== "") return !hasWildcard(fields.account);
  return fields.resource !== "" && !hasWildcard(fields.resource);
}
