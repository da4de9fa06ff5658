/**
 * Policy pack config files — the JSON `pulumi preview --policy-pack-config <file>` reads — parsed
 * and validated the way Pulumi's CLI applies them: `"all"` sets every policy's level, then each
 * policy's own entry (a level, or `{ "enforcementLevel": …, <properties> }`) overrides it.
 *
 * Stricter than the CLI on purpose: a key that names no policy, or a property a policy does not
 * take, is an error here rather than silently ignored.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { exemptionSchema } from "../lib/exemptions";
import { isRecord } from "../lib/values";
import { POLICIES } from "../pack";

/** Levels the engine accepts in a config file. */
export const ENGINE_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EngineLevel = (typeof ENGINE_LEVELS)[number];

/** One policy's settings from a config file. */
export interface PolicySettings {
  readonly enforcementLevel?: EngineLevel;
  /** What `args.getConfig()` returns to the policy (everything but `enforcementLevel`). */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A parsed, validated pack config file. */
export interface PolicyConfig {
  /** Where it came from (a file path). */
  readonly source: string;
  /** The `"all"` level, if set. */
  readonly all?: EngineLevel;
  readonly policies: ReadonlyMap<string, PolicySettings>;
}

/** A bad config file; the message names the file, the key and the value. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

/** The directory holding the per-stack config files. */
export const CONFIG_DIR = resolve(__dirname, "../config");

const propertiesSchema = z.strictObject({ exemptions: z.array(exemptionSchema).optional() });

function level(source: string, where: string, value: unknown): EngineLevel {
  if (typeof value === "string" && (ENGINE_LEVELS as readonly string[]).includes(value)) {
    return value as EngineLevel;
  }
  throw new PolicyConfigError(
    `${source}: ${where} must be one of ${ENGINE_LEVELS.join(", ")}, got ${JSON.stringify(value)}`,
  );
}

/** Parses config text (the content of `source`). */
export function parsePolicyConfig(text: string, source: string): PolicyConfig {
  if (text.trim() === "") return { source, policies: new Map() };
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (err) {
    throw new PolicyConfigError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(doc)) {
    throw new PolicyConfigError(
      `${source}: must be a JSON object mapping policy names to settings`,
    );
  }
  const known = new Set(POLICIES.map((p) => p.meta.name));
  const policies = new Map<string, PolicySettings>();
  let all: EngineLevel | undefined;
  for (const [key, value] of Object.entries(doc)) {
    if (key === "all") {
      const v = isRecord(value) ? value.enforcementLevel : value;
      if (isRecord(value) && Object.keys(value).some((k) => k !== "enforcementLevel")) {
        throw new PolicyConfigError(`${source}: "all" takes only an enforcement level`);
      }
      all = level(source, `"all"`, v);
      continue;
    }
    if (!known.has(key)) {
      throw new PolicyConfigError(
        `${source}: ${JSON.stringify(key)} is not a policy of this pack (${known.size} policies, listed in policies/pack.ts)`,
      );
    }
    if (!isRecord(value)) {
      policies.set(key, { enforcementLevel: level(source, key, value), properties: {} });
      continue;
    }
    const { enforcementLevel, ...rest } = value;
    const parsed = propertiesSchema.safeParse(rest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = [key, ...(issue?.path ?? [])]
        .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join("");
      const got = valueAt(rest, issue?.path ?? []);
      throw new PolicyConfigError(
        issue?.code === "unrecognized_keys"
          ? `${source}: ${path}.${issue.keys.join(", ")} is not a setting of ${key}; allowed: enforcementLevel, exemptions`
          : `${source}: ${path} must be ${issue?.message ?? "valid"}, got ${JSON.stringify(got)}`,
      );
    }
    policies.set(key, {
      ...(enforcementLevel === undefined
        ? {}
        : { enforcementLevel: level(source, `${key}.enforcementLevel`, enforcementLevel) }),
      properties: rest,
    });
  }
  return { source, ...(all === undefined ? {} : { all }), policies };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === "number") v = v[key] as unknown;
    else if (isRecord(v) && typeof key === "string") v = v[key];
    else return undefined;
  }
  return v;
}

/** Reads and validates a pack config file; throws {@link PolicyConfigError}. */
export function loadPolicyConfig(path: string): PolicyConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new PolicyConfigError(
      `${path}: cannot read the policy config (${(err as Error).message})`,
    );
  }
  return parsePolicyConfig(text, path);
}

/** `policies/config/<stack>.json` when it exists; undefined means the pack's defaults. */
export function policyConfigForStack(stack: string): PolicyConfig | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) return undefined;
  const path = join(CONFIG_DIR, `${stack}.json`);
  return existsSync(path) ? loadPolicyConfig(path) : undefined;
}
