/**
 * Reads a project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` into the flat config map the Pulumi
 * engine hands a program: project defaults applied, structured values as JSON text, and `secure:`
 * values replaced by placeholders (nothing is decrypted offline).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { qualifyKey, readProjectConfig } from "./project-config";
import { applyProjectConfig } from "./stack-config";
import { StackFileError } from "./stack-file-error";

/** A placeholder standing in for each `secure:` value; shaped so it still passes `min(1)`. */
export const SECURE_PLACEHOLDER = "offline-placeholder-secret";

export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  /** `namespace:key` → value text, as in `PULUMI_CONFIG`. */
  readonly config: Record<string, string>;
  /** Keys whose value is (or contains) a secret. */
  readonly secretKeys: string[];
}

export { StackFileError };

function readYaml(path: string): unknown {
  const doc = parseDocument(readFileSync(path, "utf8"), { prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0];
    throw new StackFileError(
      `${path}${where ? `:${where.line}:${where.col}` : ""}: invalid YAML: ${first.message.split("\n")[0]}`,
    );
  }
  return doc.toJS() as unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The stack names that have a `Pulumi.<stack>.yaml` in the project directory. */
export function listStacks(projectDir: string): string[] {
  return readdirSync(projectDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Loads one stack's effective config, as `pulumi config` would show it (secrets as placeholders). */
export function loadStackConfig(projectDir: string, stack: string): StackConfig {
  const projectPath = join(projectDir, "Pulumi.yaml");
  if (!existsSync(projectPath)) throw new StackFileError(`${projectPath} not found`);
  const project = readYaml(projectPath);
  if (!isRecord(project) || typeof project.name !== "string") {
    throw new StackFileError(`${projectPath}: "name" must be a string`);
  }
  const name = project.name;
  // The engine loads and validates the project before it reads any stack file.
  const declarations = readProjectConfig(name, project.config, projectPath);

  const stackPath = join(projectDir, `Pulumi.${stack}.yaml`);
  if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !existsSync(stackPath)) {
    const known = listStacks(projectDir);
    throw new StackFileError(
      `no stack file for --stack ${JSON.stringify(stack)}; stacks here: ${known.join(", ") || "none"}`,
    );
  }
  const stackDoc = readYaml(stackPath) ?? {};
  if (!isRecord(stackDoc)) throw new StackFileError(`${stackPath}: top level must be a mapping`);
  const stackValues = stackDoc.config ?? {};
  if (!isRecord(stackValues)) throw new StackFileError(`${stackPath}: "config" must be a mapping`);

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const qualified: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stackValues)) qualified[qualifyKey(name, key)] = value;
  // The engine's order: project declarations are checked and their defaults applied, then stack
  // values are type-checked against them (pkg/workspace/config.go mergeConfig).
  const merged = applyProjectConfig({
    stack,
    projectName: name,
    declarations,
    stackValues: qualified,
    environments: environmentImports(stackDoc.environment),
  });
  for (const [full, value] of Object.entries(merged)) {
    const { value: clean, secret } = replaceSecure(value);
    config[full] = encode(clean);
    if (secret) secretKeys.push(full);
  }
  return { project: name, stack, config, secretKeys };
}

function replaceSecure(value: unknown): { value: unknown; secret: boolean } {
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "secure")
      return { value: SECURE_PLACEHOLDER, secret: true };
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = replaceSecure(v);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  if (Array.isArray(value)) {
    const items = value.map(replaceSecure);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  return { value, secret: false };
}

/**
 * The ESC environments a stack file imports, by name: `environment: [a, b]` or
 * `environment: { imports: [a, b] }` (`Environment.Imports`, sdk/go/common/workspace/project.go).
 */
function environmentImports(environment: unknown): string[] {
  const imports = isRecord(environment) ? environment.imports : environment;
  if (!Array.isArray(imports)) return [];
  return imports.filter((e): e is string => typeof e === "string");
}

/** Config values reach programs as strings; structured ones as JSON text. */
function encode(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
