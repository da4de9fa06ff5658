/**
 * Pulumi URNs: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the qualified type
 * is the parent chain's types joined by `$` and ends with the resource's own type.
 */

/** The parts of a URN. */
export interface ParsedUrn {
  readonly stack: string;
  readonly project: string;
  /** Parent types and the resource type, e.g. `eventstack:aws:Platform$aws:sqs/queue:Queue`. */
  readonly qualifiedType: string;
  /** The resource's own type, the last `$` segment of the qualified type. */
  readonly type: string;
  /** The logical name; may itself contain `::`. */
  readonly name: string;
}

const PREFIX = "urn:pulumi:";

/** Parses a URN, or returns undefined when the text is not one. */
export function parseUrn(text: string): ParsedUrn | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const parts = text.slice(PREFIX.length).split("::");
  const [stack, project, qualifiedType, ...rest] = parts;
  const name = rest.join("::");
  if (!stack || !project || !qualifiedType || name === "") return undefined;
  const type = qualifiedType.split("$").pop() ?? "";
  if (type === "") return undefined;
  return { stack, project, qualifiedType, type, name };
}

/** True when the text is a well-formed URN. */
export function isUrn(text: string): boolean {
  return parseUrn(text) !== undefined;
}

/**
 * Splits a provider reference (`<provider URN>::<provider id>`) into its URN and id; undefined when
 * the text is not one.
 */
export function parseProviderReference(text: string): { urn: string; id: string } | undefined {
  const at = text.lastIndexOf("::");
  if (at < 0) return undefined;
  const urn = text.slice(0, at);
  const id = text.slice(at + 2);
  return id !== "" && isUrn(urn) ? { urn, id } : undefined;
}
