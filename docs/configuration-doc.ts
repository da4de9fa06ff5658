/**
 * docs/configuration.md, rendered from the config model (components/config.ts) and Pulumi.yaml:
 * the keys and consumer fields of the model's schema, their types and allowed values (from the
 * schema itself, and the messages it refuses a bad value with), the defaults each environment gets
 * (by parsing a minimal stack of each environment, so they are the model's own), and the
 * descriptions (Pulumi.yaml's declarations and comment block; the consumer fields' JSDoc).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as ts from "typescript";
import { parseDocument } from "yaml";
import { z } from "zod";
import {
  CONFIG_KEYS,
  configSchema,
  ENVIRONMENTS,
  IMAGE_BUILD,
  NAMESPACE,
  parseConfig,
  type Environment,
  type PlatformConfig,
} from "../components/config";

export const CONFIGURATION_DOC = resolve(__dirname, "configuration.md");
const ROOT = resolve(__dirname, "..");
const CONFIG_SOURCE = resolve(ROOT, "components/config.ts");
const PROJECT_FILE = resolve(ROOT, "Pulumi.yaml");

/** One documented key (`consumers[].name` for a consumer field). */
export interface ConfigRow {
  readonly key: string;
  readonly type: string;
  readonly allowed: string;
  readonly defaults: Readonly<Record<Environment, string>>;
  readonly description: string;
}

/** Where each top-level key's default lands in the parsed config; unlisted keys have none. */
const DEFAULT_OF: Readonly<Record<string, (c: PlatformConfig) => unknown>> = {
  alertErrorRatePercent: (c) => c.alerting.errorRatePercent,
  alertWindowMinutes: (c) => c.alerting.windowMinutes,
  alertMaxProcessingDelaySeconds: (c) => c.alerting.maxProcessingDelaySeconds,
  customerManagedKeys: (c) => c.customerManagedKeys,
  privateNetworking: (c) => c.privateNetworking,
  secrets: (c) => c.secrets.map((s) => s.name),
  image: (c) => c.image ?? IMAGE_BUILD,
  eventRetentionDays: (c) => c.eventRetentionDays,
  logRetentionDays: (c) => c.logRetentionDays,
  lambdaConcurrencyLimit: (c) => c.lambdaConcurrencyLimit,
  vpcEgressRange: (c) => c.gcp.vpcEgressRange,
  flowLogSamplingPercent: (c) => c.gcp.flowLogSamplingPercent,
  authMode: (c) => c.gcp.authMode,
};

/** The smallest valid stack of `environment`: only the required keys. */
function minimalStack(environment: Environment): PlatformConfig {
  return parseConfig(
    {
      [`${NAMESPACE}:cloud`]: "gcp",
      [`${NAMESPACE}:environment`]: environment,
      [`${NAMESPACE}:alertEmail`]: "alerts@example.com",
      [`${NAMESPACE}:consumers`]: JSON.stringify([
        { name: "orders", eventTypes: ["com.example.order.placed.v1"] },
      ]),
      "gcp:project": "acme-events-dev",
      "gcp:region": "europe-west1",
    },
    { stack: environment },
  );
}

function showDefault(value: unknown): string {
  if (value === undefined) return "unset";
  if (Array.isArray(value) && value.length === 0) return "none";
  if (value !== null && typeof value === "object" && Object.keys(value).length === 0) return "none";
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

const jsonSchemaNode = z.looseObject({
  type: z.string().optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minItems: z.number().optional(),
  maxItems: z.number().optional(),
  format: z.string().optional(),
  items: z.unknown().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  propertyNames: z.unknown().optional(),
});
type JsonSchemaNode = z.infer<typeof jsonSchemaNode>;

/** The JSON schema of one property of `schema`, as zod renders it. */
function propertyJson(schema: z.ZodType, key: string): JsonSchemaNode {
  const doc = z
    .looseObject({ properties: z.record(z.string(), z.unknown()) })
    .parse(z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }));
  return jsonSchemaNode.parse(doc.properties[key] ?? {});
}

function typeOf(node: JsonSchemaNode): string {
  if (node.type === "array") {
    const items = jsonSchemaNode.safeParse(node.items);
    const item = items.success ? typeOf(items.data) : "value";
    return `list of ${item === "object" ? "objects" : `${item}s`}`;
  }
  if (node.type === "object") return node.properties === undefined ? "map" : "object";
  return node.type ?? "value";
}

const issueNode = z.looseObject({ message: z.string(), issues: z.array(z.unknown()).optional() });

/** The innermost message of an issue (a record's key issue nests the key's own). */
function innermost(issue: unknown): string | undefined {
  const parsed = issueNode.safeParse(issue);
  if (!parsed.success) return undefined;
  return innermost(parsed.data.issues?.[0]) ?? parsed.data.message;
}

/** What the schema says when it refuses `probe` for this property, if it does. */
function refusal(schema: z.core.$ZodType, probe: unknown): string | undefined {
  const result = z.safeParse(schema, probe);
  return result.success ? undefined : innermost(result.error.issues[0]);
}

function range(min: number | undefined, max: number | undefined, unit = ""): string | undefined {
  if (min === undefined && max === undefined) return undefined;
  if (max === undefined) return `≥ ${min}${unit}`;
  if (min === undefined) return `≤ ${max}${unit}`;
  return `${min}–${max}${unit}`;
}

/**
 * The allowed values: the enum or range the schema declares, else the model's own message for a
 * value outside them (a regex's description, a refinement's list).
 */
function allowedOf(schema: z.ZodType, node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(", ");
  if (node.format === "email") return "an email address";
  if (node.type === "integer" || node.type === "number") {
    return (
      range(node.minimum, node.maximum) ??
      refusal(schema, -1) ??
      (node.type === "integer" ? "any integer" : "any number")
    );
  }
  if (node.type === "array") {
    const count = range(node.minItems, node.maxItems, " entries");
    const element = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    const item = element instanceof z.ZodArray ? refusal(element.element, "\u0001") : undefined;
    return [count, item && !item.startsWith("Invalid input") ? `each ${item}` : undefined]
      .filter((x) => x !== undefined)
      .join("; ");
  }
  if (node.type === "boolean") return "`true`, `false`";
  if (node.type === "object") {
    if (node.properties) {
      return `fields ${Object.keys(node.properties)
        .map((f) => `\`${f}\``)
        .join(", ")}`;
    }
    const key = refusal(schema, { "\u0001": "x" });
    return key ? `keys: ${key}` : "any keys";
  }
  const message = refusal(schema, "\u0001");
  return message && !message.startsWith("Invalid input") ? message : "any non-empty text";
}

/** `Pulumi.yaml`'s description of each key: declared ones, then the comment block's entries. */
export function projectDescriptions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const config = z
    .looseObject({
      config: z.record(z.string(), z.looseObject({ description: z.string().optional() })),
    })
    .parse(parseDocument(text).toJS());
  for (const [key, decl] of Object.entries(config.config)) {
    if (decl.description !== undefined)
      out.set(key, decl.description.replace(/\s*Required\.$/, ""));
  }
  // Undeclared keys are documented as `#   key: text`, continued on more indented `#` lines.
  let current: { key: string; indent: number; text: string[] } | undefined;
  const flush = () => {
    // Entries open with their type ("boolean.", "integer, 1-31.", "string (aws)."), which the
    // type and allowed-values columns show; the cloud a key applies to is kept.
    if (current) {
      out.set(
        current.key,
        current.text
          .join(" ")
          .replace(
            /^(?:boolean|integer|string|number)(?:,[^.(]*)?\s*(\((?:aws|gcp)\))?\.\s+/,
            (_, cloud?: string) => (cloud ? `${cloud} ` : ""),
          ),
      );
    }
    current = undefined;
  };
  for (const line of text.split("\n")) {
    const entry = /^\s*#(\s+)([A-Za-z]+):\s+(.*)$/.exec(line);
    if (entry && (CONFIG_KEYS as readonly string[]).includes(entry[2] ?? "")) {
      flush();
      current = { key: entry[2] ?? "", indent: (entry[1] ?? "").length, text: [entry[3] ?? ""] };
      continue;
    }
    const more = /^\s*#(\s+)(\S.*)$/.exec(line);
    if (current && more && (more[1] ?? "").length > current.indent)
      current.text.push(more[2] ?? "");
    else flush();
  }
  flush();
  return out;
}

/** The JSDoc of each property of the object literal `const <name> = z.strictObject({…})`. */
export function schemaFieldDocs(source: string, name: string): Map<string, string> {
  const file = ts.createSourceFile("config.ts", source, ts.ScriptTarget.Latest, true);
  const out = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name &&
      node.initializer &&
      ts.isCallExpression(node.initializer)
    ) {
      const literal = node.initializer.arguments[0];
      if (literal && ts.isObjectLiteralExpression(literal)) {
        for (const prop of literal.properties) {
          if (!prop.name || !ts.isIdentifier(prop.name)) continue;
          const doc = ts
            .getJSDocCommentsAndTags(prop)
            .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "")
            .join(" ")
            .replace(/\s+/g, " ")
            .trim();
          if (doc !== "") out.set(prop.name.text, doc);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** One value per environment; the record type makes every environment present. */
function perEnvironment(f: (e: Environment) => string): Record<Environment, string> {
  return { dev: f("dev"), prod: f("prod") };
}

function required(schema: z.ZodType): boolean {
  return !(schema instanceof z.ZodOptional);
}

/** Every row of docs/configuration.md: the top-level keys, then the consumer fields. */
export function configurationRows(): ConfigRow[] {
  const parsed: Record<Environment, PlatformConfig> = {
    dev: minimalStack("dev"),
    prod: minimalStack("prod"),
  };
  const descriptions = projectDescriptions(readFileSync(PROJECT_FILE, "utf8"));
  const fieldDocs = schemaFieldDocs(readFileSync(CONFIG_SOURCE, "utf8"), "consumerSchema");
  const rows: ConfigRow[] = [];
  for (const key of CONFIG_KEYS) {
    const schema: z.ZodType = configSchema.shape[key];
    const node = propertyJson(configSchema, key);
    const description = descriptions.get(key);
    if (description === undefined) {
      throw new Error(
        `${NAMESPACE}:${key} has no description: declare it in Pulumi.yaml with a description, or document it in Pulumi.yaml's comment block as "#   ${key}: …"`,
      );
    }
    const accessor = DEFAULT_OF[key];
    const defaults = perEnvironment((e) =>
      required(schema) ? "required" : showDefault(accessor?.(parsed[e])),
    );
    rows.push({ key, type: typeOf(node), allowed: allowedOf(schema, node), defaults, description });
  }
  const consumer = configSchema.shape.consumers.element;
  for (const [field, schema] of Object.entries<z.ZodType>(consumer.shape)) {
    const description = fieldDocs.get(field);
    if (description === undefined) {
      throw new Error(
        `consumers[].${field} has no description: give it a JSDoc comment in components/config.ts's consumerSchema`,
      );
    }
    const node = propertyJson(consumer, field);
    const defaults = perEnvironment((e) => {
      const first = parsed[e].consumers[0];
      const value = first ? new Map<string, unknown>(Object.entries(first)).get(field) : undefined;
      return required(schema) ? "required" : showDefault(value);
    });
    rows.push({
      key: `consumers[].${field}`,
      type: typeOf(node),
      allowed: allowedOf(schema, node),
      defaults,
      description,
    });
  }
  return rows;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** docs/configuration.md, as it must read (before Prettier). */
export function renderConfigurationDoc(): string {
  const rows = configurationRows();
  const header = ["key", "type", "allowed values", ...ENVIRONMENTS, "meaning"];
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [
    "# Configuration",
    "",
    "<!-- Generated by `npm run docs` from components/config.ts and Pulumi.yaml; do not edit. -->",
    "",
    `Every \`${NAMESPACE}:*\` key of \`Pulumi.<stack>.yaml\` (${CONFIG_KEYS.length} keys, then the fields of`,
    "each entry of `consumers`). The environment columns show the default a stack of that",
    "`environment` gets when it leaves the key unset (`required`: the stack must set it; `unset`: no",
    "value is applied). Every value is validated before any resource is registered; a bad one fails",
    "with the key, the value and what is allowed.",
    "",
    line(header),
    line(header.map(() => "---")),
    ...rows.map((r) =>
      line([
        `\`${r.key}\``,
        r.type,
        r.allowed,
        ...ENVIRONMENTS.map((e) => r.defaults[e]),
        r.description,
      ]),
    ),
    "",
  ].join("\n");
}
