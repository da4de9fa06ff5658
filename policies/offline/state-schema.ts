/**
 * The `pulumi stack export` document (deployment version 3), as a schema: what the audit relies on
 * is validated, everything else is let through so newer exports still read.
 *
 * Field names follow Pulumi's `apitype` (`UntypedDeployment`, `DeploymentV3`, `ResourceV3`,
 * `OperationV2`). Problems are reported with the JSON path of the offending value.
 */
import { z } from "zod";
import { isUrn, parseProviderReference } from "./state-urn";

/** The only deployment version this reader understands (Pulumi CLI 3.x writes it). */
export const SUPPORTED_DEPLOYMENT_VERSION = 3;

const urn = z.string().refine(isUrn, {
  message: "must be a URN like urn:pulumi:<stack>::<project>::<type>::<name>",
});
const propertyMap = z.record(z.string(), z.unknown());

/** One `ResourceV3`. */
export const resourceSchema = z.looseObject({
  urn,
  custom: z.boolean(),
  delete: z.boolean().optional(),
  id: z.string().optional(),
  type: z.string().min(1, "must be a type token such as aws:sqs/queue:Queue"),
  inputs: propertyMap.optional(),
  outputs: propertyMap.optional(),
  parent: urn.optional(),
  protect: z.boolean().optional(),
  external: z.boolean().optional(),
  dependencies: z.array(urn).optional(),
  provider: z
    .string()
    .refine((text) => parseProviderReference(text) !== undefined, {
      message: "must be a provider reference like <provider URN>::<provider id>",
    })
    .optional(),
  propertyDependencies: z.record(z.string(), z.array(urn)).optional(),
  pendingReplacement: z.boolean().optional(),
  sourcePosition: z.string().optional(),
});

export type ExportedResource = z.infer<typeof resourceSchema>;

/** One `OperationV2`: an operation the engine had started when the snapshot was taken. */
export const operationSchema = z.looseObject({
  resource: resourceSchema,
  type: z.string(),
});

/** `DeploymentV3`. */
export const deploymentSchema = z.looseObject({
  manifest: z.looseObject({ time: z.string(), magic: z.string(), version: z.string() }),
  secrets_providers: z.looseObject({ type: z.string() }).optional(),
  resources: z.array(resourceSchema, { error: "is required: the list of the stack's resources" }),
  pending_operations: z.array(operationSchema).optional(),
});

export type Deployment = z.infer<typeof deploymentSchema>;

/** `{ version, deployment }`, as `pulumi stack export` writes it. */
export const exportSchema = z.looseObject({
  version: z.number().int(),
  deployment: deploymentSchema,
});

/** `["deployment", "resources", 3, "urn"]` → `$.deployment.resources[3].urn`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "$";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** Keys whose values are identifiers, never property values, so they may be quoted in messages. */
const QUOTABLE = new Set(["urn", "parent", "type", "provider", "version", "dependencies"]);

function describeValue(path: readonly PropertyKey[], value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const key = [...path].reverse().find((p) => typeof p === "string");
  if (typeof value === "string" && key !== undefined && QUOTABLE.has(key)) {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
  // Values of other fields are never echoed: they may be property values, and secrets among them.
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return cur;
}

/** Describes one schema issue as `<JSON path>: <what is wrong>, got <what was there>`. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const where = jsonPath(issue.path);
  const value = valueAt(root, issue.path);
  const got = `got ${describeValue(issue.path, value)}`;
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? `${where}: ${issue.message.startsWith("Invalid input") ? `is required (${issue.expected})` : issue.message}`
        : `${where}: must be ${issue.expected === "object" || issue.expected === "record" ? "an object" : `a ${issue.expected}`}, ${got}`;
    case "too_small":
      return `${where}: ${issue.message}, ${got}`;
    default:
      return `${where}: ${issue.message.replace(/^Invalid input: /, "")}, ${got}`;
  }
}
