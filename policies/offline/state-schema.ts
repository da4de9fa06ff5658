/**
 * The `pulumi stack export` document, as a schema: what the audit relies on is validated,
 * everything else is let through so newer exports still read.
 *
 * Field names follow Pulumi's `apitype` (github.com/pulumi/pulumi, sdk/go/common/apitype/core.go:
 * `UntypedDeployment`, `DeploymentV1`–`V3`, `ResourceV1`–`V3`, `OperationV1`/`V2`). The shapes
 * accepted are the ones the engine has written over its versions: Go's encoder omits empty
 * `omitempty` fields (`resources` of an empty stack, `inputs`, `dependencies`, …) and writes `null`
 * for a nil slice where there is no `omitempty` (`ResourceV1.dependencies`, and the values of
 * `propertyDependencies`). Problems are reported with the JSON path of the offending value.
 */
import { z } from "zod";
import { isUrn, parseProviderReference } from "./state-urn";

/**
 * The deployment versions the engine still reads (pkg/resource/stack/deployment.go,
 * `DeploymentSchemaVersionOldestSupported` = 1 and `DeploymentSchemaVersionLatest` = 4): 1 and 2
 * are migrated to 3; 4 is the version-3 shape plus a list of `features`.
 */
export const OLDEST_DEPLOYMENT_VERSION = 1;
export const NEWEST_DEPLOYMENT_VERSION = 4;

/**
 * The features a version-4 deployment may require: the engine's `supportedFeatures`
 * (pkg/resource/stack/deployment.go); it refuses a deployment needing any other.
 */
export const DEPLOYMENT_FEATURES: readonly string[] = [
  "refreshBeforeUpdate",
  "views",
  "hooks",
  "taint",
  "replaceWith",
  "snippets-prototype",
  "extensionParameterization",
  "byteString",
];

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
  // `ResourceV1.dependencies` has no `omitempty`: version-1 deployments write null for none.
  dependencies: z.array(urn).nullable().optional(),
  provider: z
    .string()
    .refine((text) => parseProviderReference(text) !== undefined, {
      message: "must be a provider reference like <provider URN>::<provider id>",
    })
    .optional(),
  // A nil slice in the map is written as null: migrate.UpToResourceV3 (pkg/resource/stack/migrate/
  // resource.go) maps every input to the resource's dependencies, nil when it has none; see
  // test/fixtures/stack-exports/real/aws-elb-wp.json, exported by CLI v3.4.0.
  propertyDependencies: z.record(z.string(), z.array(urn).nullable()).optional(),
  pendingReplacement: z.boolean().optional(),
  sourcePosition: z.string().optional(),
});

export type ExportedResource = z.infer<typeof resourceSchema>;

/** One `OperationV2`: an operation the engine had started when the snapshot was taken. */
export const operationSchema = z.looseObject({
  resource: resourceSchema,
  type: z.string(),
});

/**
 * `DeploymentV3` (and `V1`/`V2`, which it extends). `resources` and `pending_operations` are
 * `omitempty`: a stack with no resources has no `resources` key.
 */
export const deploymentSchema = z.looseObject({
  manifest: z.looseObject({ time: z.string(), magic: z.string(), version: z.string() }),
  secrets_providers: z.looseObject({ type: z.string() }).optional(),
  resources: z.array(resourceSchema).optional(),
  pending_operations: z.array(operationSchema).optional(),
});

export type Deployment = z.infer<typeof deploymentSchema>;

/** `{ version, features?, deployment }`, as `pulumi stack export` writes it (`UntypedDeployment`). */
export const exportSchema = z.looseObject({
  version: z.number().int(),
  features: z.array(z.string()).optional(),
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

const NOUNS: Readonly<Record<string, string>> = {
  array: "an array",
  object: "an object",
  record: "an object",
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean",
  null: "null",
};

/** `"array"` → `"an array"`, `"int"` → `"an integer"`: a schema's or `typeof`'s type name, in words. */
export function typeInWords(name: string): string {
  return NOUNS[name] ?? (/^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`);
}

/** What a JSON value is, in words: `null`, `an array`, `a string`, … */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeInWords(typeof value);
}

function describeValue(path: readonly PropertyKey[], value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null || Array.isArray(value)) return kindOf(value);
  const key = [...path].reverse().find((p) => typeof p === "string");
  if (typeof value === "string" && key !== undefined && QUOTABLE.has(key)) {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
  // Values of other fields are never echoed: they may be property values, and secrets among them.
  return kindOf(value);
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
        ? `${where}: ${issue.message.startsWith("Invalid input") ? `is required (${typeInWords(issue.expected)})` : issue.message}`
        : `${where}: must be ${typeInWords(issue.expected)}, ${got}`;
    case "too_small":
      return `${where}: ${issue.message}, ${got}`;
    default:
      return `${where}: ${issue.message.replace(/^Invalid input: /, "")}, ${got}`;
  }
}
