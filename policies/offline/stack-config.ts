/**
 * Applies a project's config declarations to one stack's values and rejects what the engine
 * rejects before `preview`, `up`, `refresh`, `destroy` or `watch` run. Ported from pulumi/pulumi
 * (read at commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8)
 * `pkg/workspace/config.go`: `mergeConfig` (as called by `ValidateStackConfigAndApplyProjectConfig`),
 * `missingStackConfigurationKeysError`, `formatMissingKeys`, `validateStackConfigValues` and
 * `validateStackConfigValue`; test cases from `pkg/workspace/config_project_test.go`.
 *
 * Not ported: ESC environments (`environment:` in the stack file), which need the Pulumi Cloud.
 */
import { fitsConfigType, fullTypeName, SECURE_VALUE, type ConfigDeclaration } from "./config-type";
import { isProjectKey, qualifyKey } from "./project-config";
import { StackFileError } from "./stack-file-error";

export interface StackConfigInput {
  readonly stack: string;
  readonly projectName: string;
  readonly declarations: ReadonlyMap<string, ConfigDeclaration>;
  /** The stack file's `config:` values, keys qualified with the project name, as YAML parsed them. */
  readonly stackValues: Readonly<Record<string, unknown>>;
  /** ESC environments the stack file imports; named in the missing-value message. */
  readonly environments?: readonly string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `isSecureValue` (sdk/go/common/resource/config/object.go): `{ secure: "<ciphertext>" }`. */
export function isSecureLeaf(v: unknown): boolean {
  return isRecord(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
}

/** `config.Value.Secure()`: the value is, or contains, a secure leaf. */
function containsSecure(v: unknown): boolean {
  if (isSecureLeaf(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecure);
  return isRecord(v) && Object.values(v).some(containsSecure);
}

/**
 * What `validateStackConfigValue` type-checks: a scalar's text (`MarshalString`; YAML `null` is
 * the empty string, see `checkForEmptyConfig` in sdk/go/common/workspace/loaders.go), or the JSON
 * of a structured value, with secure leaves standing for their (unknown) plaintext.
 */
function content(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? structured(v) : String(v);
}

function structured(v: unknown): unknown {
  if (isSecureLeaf(v)) return SECURE_VALUE;
  if (Array.isArray(v)) return v.map(structured);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structured(x)]));
  return v;
}

/** `createConfigValue`: a project default or value as the stack then holds it. */
function projectValueContent(v: unknown): unknown {
  // Go's isPrimitiveValue covers string, int and bool; anything else (a fractional number, a
  // list, a map) becomes a JSON object value.
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  return structured(v);
}

/** `formatMissingKeys`: `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`. */
export function formatMissingKeys(keys: readonly string[]): string {
  const quoted = [...keys].sort().map((k) => `'${k}'`);
  if (quoted.length === 1) return quoted[0] ?? "";
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1] ?? ""}`;
}

/**
 * Returns the stack's values merged with the project's defaults and values (namespaced key → YAML
 * value), or throws {@link StackFileError} with the engine's message.
 */
export function applyProjectConfig(input: StackConfigInput): Record<string, unknown> {
  const { stack, projectName, declarations } = input;
  const merged: Record<string, unknown> = { ...input.stackValues };
  const fromProject = new Set<string>();
  const missing: string[] = [];
  const keys = [...declarations.keys()].sort();

  for (const key of keys) {
    const decl = declarations.get(key);
    const full = qualifyKey(projectName, key);
    if (decl === undefined || full in input.stackValues) continue;
    const hasDefault = decl.default !== undefined;
    const hasValue = decl.value !== undefined;
    if (!hasDefault && !hasValue) {
      // Only keys of the project's own namespace can be required; Project.Validate makes every
      // other namespace's declaration carry a value.
      if (isProjectKey(projectName, full)) missing.push(key);
      continue;
    }
    merged[full] = hasDefault ? decl.default : decl.value;
    fromProject.add(full);
  }

  if (missing.length > 0) {
    const environments = input.environments ?? [];
    throw new StackFileError(
      `Stack '${stack}' is missing configuration ${missing.length > 1 ? "values" : "value"} ${formatMissingKeys(missing)}` +
        (environments.length > 0
          ? ` (the stack's environments ${environments.join(", ")} cannot be read offline)`
          : ""),
    );
  }

  for (const key of keys) {
    const decl = declarations.get(key);
    if (decl?.type === undefined) continue;
    const full = qualifyKey(projectName, key);
    const raw = merged[full];
    const isFromProject = fromProject.has(full);
    if (decl.secret && (isFromProject || !containsSecure(raw))) {
      throw new StackFileError(
        `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`,
      );
    }
    const value = isFromProject ? projectValueContent(raw) : content(raw);
    if (!fitsConfigType(decl.type, decl.items, value)) {
      throw new StackFileError(
        `Stack '${stack}' with configuration key '${key}' must be of type '${fullTypeName(decl.type, decl.items)}'`,
      );
    }
  }
  return merged;
}
