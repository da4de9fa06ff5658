/**
 * Writes recorded resources (a mock plan) as a `pulumi stack export` document, deployment version 3,
 * the way the engine would snapshot them after `pulumi up`: so audits and benchmarks run on exports
 * that come from real plans. Redacted values are written back as secret envelopes.
 *
 * Also replicates an export's resources under new names, to build stacks of any size.
 */
import { createHash } from "node:crypto";
import { serializeProperty, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { RecordedResource } from "./mock-types";
import { exportOptions } from "./state-options";
import { formatSourcePosition } from "./state-position";
import { parseUrn } from "./state-urn";
import { SECRET_PLACEHOLDER } from "./state-values";

/** A deployment-version-3 export document, loosely typed for writing. */
export interface StackExport {
  readonly version: 3;
  readonly deployment: {
    readonly manifest: { readonly time: string; readonly magic: string; readonly version: string };
    readonly secrets_providers: { readonly type: string; readonly state: Record<string, unknown> };
    readonly resources: Record<string, unknown>[];
  };
}

export interface ExportOptions {
  /** Snapshot time, ISO 8601. Default 2026-01-15T09:30:00.000Z (fixed so exports are stable). */
  readonly time?: string;
  /** CLI version recorded in the manifest. Default v3.190.0. */
  readonly cliVersion?: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function encryptPlaceholders(value: unknown, seed: string): unknown {
  if (value === SECRET_PLACEHOLDER) {
    const ciphertext = `v1:${Buffer.from(sha256(seed)).toString("base64").slice(0, 44)}`;
    return { [specialSigKey]: specialSecretSig, ciphertext };
  }
  if (Array.isArray(value)) return value.map((v, i) => encryptPlaceholders(v, `${seed}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, encryptPlaceholders(v, `${seed}.${k}`)]),
    );
  }
  return value;
}

/** A property map in the snapshot's encoding (assets, archives), secrets as envelopes. */
async function encode(value: Record<string, unknown>, seed: string): Promise<unknown> {
  const wire: unknown = await serializeProperty(seed, value, new Set(), {
    keepOutputValues: false,
  });
  return encryptPlaceholders(wire, seed);
}

async function exportResource(r: RecordedResource): Promise<Record<string, unknown>> {
  const propertyDependencies = Object.fromEntries(
    Object.entries(r.propertyDependencies).filter(([, deps]) => deps.length > 0),
  );
  return {
    urn: r.urn,
    custom: r.custom,
    ...(r.custom && r.id !== undefined ? { id: r.id } : {}),
    type: r.type,
    inputs: await encode(r.inputs, `${r.urn}#inputs`),
    outputs: await encode(r.outputs, `${r.urn}#outputs`),
    ...(r.parent !== undefined ? { parent: r.parent } : {}),
    ...(r.dependencies.length > 0 ? { dependencies: [...r.dependencies] } : {}),
    ...(r.provider !== undefined ? { provider: r.provider } : {}),
    ...(Object.keys(propertyDependencies).length > 0 ? { propertyDependencies } : {}),
    ...(r.sourcePosition ? { sourcePosition: formatSourcePosition(r.sourcePosition) } : {}),
    ...exportOptions(r.options),
  };
}

/** The export document the engine would write for these resources. */
export async function toStackExport(
  resources: readonly RecordedResource[],
  opts: ExportOptions = {},
): Promise<StackExport> {
  const version = opts.cliVersion ?? "v3.190.0";
  return {
    version: 3,
    deployment: {
      manifest: { time: opts.time ?? "2026-01-15T09:30:00.000Z", magic: sha256(version), version },
      secrets_providers: {
        type: "passphrase",
        state: {
          salt: `v1:${Buffer.from(sha256("salt")).toString("base64").slice(0, 12)}:v1:${sha256("key").slice(0, 24)}`,
        },
      },
      resources: await Promise.all(resources.map(exportResource)),
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Adds `copies - 1` renamed copies of every resource below the root stack's direct children.
 * Copy `k` renames each top-level name `N` to `N-r<k>` wherever it stands as a word (URN names,
 * ids, ARNs, URLs, names in property values), so references by value stay consistent within a
 * copy and never cross copies. The root stack and parentless resources (default providers) are
 * shared.
 */
export function replicateExport(doc: StackExport, copies: number): StackExport {
  const resources = doc.deployment.resources;
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const rootUrn = typeof root?.urn === "string" ? root.urn : undefined;
  const topNames = resources
    .filter((r) => r.parent === rootUrn && typeof r.urn === "string")
    .map((r) => parseUrn(String(r.urn))?.name)
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => b.length - a.length);
  const replicated = resources.filter((r) => r.parent !== undefined && r !== root);
  if (topNames.length === 0 || copies <= 1) return doc;
  const word = new RegExp(
    `(?<![A-Za-z0-9])(${topNames.map(escapeRegExp).join("|")})(?![A-Za-z0-9:])`,
    "g",
  );

  const out = [...resources];
  for (let k = 1; k < copies; k++) {
    const rename = (text: string) => text.replace(word, `$1-r${k}`);
    const urnMap = new Map<string, string>();
    for (const r of replicated) {
      const urn = String(r.urn);
      const parsed = parseUrn(urn);
      if (parsed)
        urnMap.set(urn, `${urn.slice(0, urn.length - parsed.name.length)}${rename(parsed.name)}`);
    }
    const renameUrn = (urn: string) => urnMap.get(urn) ?? urn;
    const renameValue = (value: unknown): unknown => {
      if (typeof value === "string") return urnMap.get(value) ?? rename(value);
      if (Array.isArray(value)) return value.map(renameValue);
      if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, renameValue(v)]));
      }
      return value;
    };
    for (const r of replicated) {
      const copy: Record<string, unknown> = { ...r, urn: renameUrn(String(r.urn)) };
      if (typeof r.id === "string") copy.id = rename(r.id);
      if (typeof r.parent === "string") copy.parent = renameUrn(r.parent);
      if (Array.isArray(r.dependencies))
        copy.dependencies = r.dependencies.map((d) => renameUrn(String(d)));
      if (typeof r.provider === "string") {
        const at = r.provider.lastIndexOf("::");
        copy.provider = `${renameUrn(r.provider.slice(0, at))}${r.provider.slice(at)}`;
      }
      if (r.propertyDependencies !== undefined)
        copy.propertyDependencies = renameValue(r.propertyDependencies);
      copy.inputs = renameValue(r.inputs);
      copy.outputs = renameValue(r.outputs);
      out.push(copy);
    }
  }
  return { ...doc, deployment: { ...doc.deployment, resources: out } };
}
