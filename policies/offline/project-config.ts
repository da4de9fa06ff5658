/**
 * Reads the `config:` block of `Pulumi.yaml` the way `pulumi` loads a project, and rejects what the
 * engine rejects. Ported from pulumi/pulumi (read at commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8):
 * - `sdk/go/common/workspace/project.json` (`config`, `$defs.configTypeDeclaration`,
 *   `$defs.configItemsType`): the shapes a declaration may take;
 * - `sdk/go/common/workspace/project.go` `RewriteShorthandConfigValues`: `key: 5` is a default of a
 *   project key, `aws:region: x` a value of another namespace's key;
 * - `sdk/go/common/workspace/project.go` `(*Project).Validate`, wrapped by `LoadProjectBytes`
 *   (`sdk/go/common/workspace/loaders.go`) as `could not unmarshal '<path>': …`.
 *
 * Messages of `Validate` are the engine's own. Schema violations are reported in the shape
 * `ValidateProject` gives them (`could not validate '<path>': #/config/<key>: …`, with the allowed
 * attributes named); their reason text is ours, as the engine's comes from its JSON-schema library.
 */
import {
  CONFIG_TYPE_NAMES,
  fitsConfigType,
  fullTypeName,
  type ConfigDeclaration,
  type ConfigItemsType,
} from "./config-type";
import { StackFileError } from "./stack-file-error";

const DECLARATION_FIELDS = ["type", "items", "description", "secret", "default", "value"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `configKeyIsNamespacedByProject`. */
export function isProjectKey(projectName: string, key: string): boolean {
  return !key.includes(":") || key.startsWith(`${projectName}:`);
}

/** `parseConfigKey` (pkg/workspace/config.go): bare keys take the project's namespace. */
export function qualifyKey(projectName: string, key: string): string {
  return key.includes(":") ? key : `${projectName}:${key}`;
}

/**
 * The declarations of a project's `config:` block, by key as written. A string `config:` is the
 * deprecated spelling of `stackConfigDir` (`RewriteConfigPathIntoStackConfigDir`) and declares
 * nothing.
 */
export function readProjectConfig(
  projectName: string,
  config: unknown,
  path: string,
): Map<string, ConfigDeclaration> {
  const declarations = new Map<string, ConfigDeclaration>();
  if (config === undefined || config === null || typeof config === "string") return declarations;
  const invalid = (where: string, message: string) =>
    new StackFileError(`could not validate '${path}': #/config${where}: ${message}`);
  if (!isRecord(config)) throw invalid("", "expected object, string or null");

  for (const key of Object.keys(config).sort()) {
    const raw = config[key];
    const where = `/${key}`;
    let decl: ConfigDeclaration;
    if (typeof raw === "string" || typeof raw === "boolean" || Array.isArray(raw)) {
      decl = shorthand(projectName, key, raw);
    } else if (typeof raw === "number") {
      if (!Number.isInteger(raw))
        throw invalid(where, `${raw} is not a string, integer, boolean, array or declaration`);
      decl = shorthand(projectName, key, raw);
    } else if (isRecord(raw)) {
      decl = declaration(raw, (w, m) => invalid(`${where}${w}`, m));
    } else {
      throw invalid(where, "null is not a string, integer, boolean, array or declaration");
    }
    validate(projectName, key, decl, path);
    declarations.set(key, decl);
  }
  return declarations;
}

function shorthand(projectName: string, key: string, raw: unknown): ConfigDeclaration {
  const own = isProjectKey(projectName, key);
  return {
    type: undefined,
    items: undefined,
    default: own ? raw : undefined,
    value: own ? undefined : raw,
    secret: false,
    description: undefined,
  };
}

type Invalid = (where: string, message: string) => StackFileError;

function declaration(raw: Record<string, unknown>, invalid: Invalid): ConfigDeclaration {
  for (const field of Object.keys(raw)) {
    if (!DECLARATION_FIELDS.includes(field)) {
      throw invalid(
        "",
        `'${field}' not allowed; the allowed attributes are ${DECLARATION_FIELDS.map((f) => `'${f}'`).join(", ")}`,
      );
    }
  }
  const { type, description, secret } = raw;
  if (type !== undefined && !isTypeName(type)) {
    throw invalid("/type", `${JSON.stringify(type)} is not one of ${CONFIG_TYPE_NAMES.join(", ")}`);
  }
  if (description !== undefined && typeof description !== "string") {
    throw invalid("/description", "expected string");
  }
  if (secret !== undefined && typeof secret !== "boolean") {
    throw invalid("/secret", "expected boolean");
  }
  return {
    type,
    items: raw.items === undefined ? undefined : itemsType(raw.items, "/items", invalid),
    default: raw.default ?? undefined,
    value: raw.value ?? undefined,
    secret: secret ?? false,
    description,
  };
}

function isTypeName(v: unknown): v is string {
  return typeof v === "string" && (CONFIG_TYPE_NAMES as readonly string[]).includes(v);
}

function itemsType(raw: unknown, where: string, invalid: Invalid): ConfigItemsType {
  if (!isRecord(raw)) throw invalid(where, "expected object");
  if (!isTypeName(raw.type)) {
    throw invalid(
      `${where}/type`,
      `${JSON.stringify(raw.type)} is not one of ${CONFIG_TYPE_NAMES.join(", ")}`,
    );
  }
  if (raw.type === "array" && raw.items === undefined) {
    throw invalid(where, "missing property 'items'");
  }
  return {
    type: raw.type,
    items: raw.items === undefined ? undefined : itemsType(raw.items, `${where}/items`, invalid),
  };
}

/** `(*Project).Validate`, one declaration at a time (keys in sorted order, for a stable message). */
function validate(projectName: string, key: string, decl: ConfigDeclaration, path: string): void {
  const fail = (message: string) => new StackFileError(`could not unmarshal '${path}': ${message}`);
  if (decl.default !== undefined && decl.value !== undefined) {
    throw fail(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
  }
  if (isProjectKey(projectName, key)) {
    if (decl.type === "array" && decl.items === undefined) {
      throw fail(
        `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
      );
    }
    if (
      decl.type !== undefined &&
      decl.default !== undefined &&
      !fitsConfigType(decl.type, decl.items, decl.default)
    ) {
      throw fail(
        `The default value specified for configuration key '${key}' is not of the expected type '${fullTypeName(decl.type, decl.items)}'`,
      );
    }
    return;
  }
  if (decl.type !== undefined) {
    throw fail(
      `Configuration key '${key}' is not namespaced by the project and should not define a type`,
    );
  }
  if (decl.default !== undefined) {
    throw fail(
      `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
    );
  }
  if (decl.value === undefined) {
    throw fail(`Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
  }
}
