/**
 * Reads a `pulumi stack export` document into the resources the policy engine evaluates: the same
 * {@link RecordedResource} shape the mock runtime records for plans.
 *
 * Works for any Pulumi program's export, of every deployment version the engine still reads
 * (1 to 4; 1 and 2 are migrated to 3 the way the engine does). Secrets are replaced before anything
 * else sees a value. Problems throw {@link StateFileError}, naming the JSON path of the offending
 * value.
 */
import { readFileSync } from "node:fs";
import type { RecordedResource } from "./mock-types";
import { optionsFromExport } from "./state-options";
import { parseSourcePosition } from "./state-position";
import { upToDeploymentV3 } from "./state-migrate";
import {
  DEPLOYMENT_FEATURES,
  describeIssue,
  exportSchema,
  jsonPath,
  kindOf,
  NEWEST_DEPLOYMENT_VERSION,
  OLDEST_DEPLOYMENT_VERSION,
  type Deployment,
  type ExportedResource,
} from "./state-schema";
import { parseProviderReference, parseUrn } from "./state-urn";
import { decodeStateObject } from "./state-values";

/** Thrown for a file that is not a readable, supported stack export; the CLI exits 2. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateFileError";
  }
}

/** An export, read. */
export interface StackState {
  readonly stack: string;
  readonly project: string;
  /** The audited resources, in snapshot order (the root stack first). */
  readonly resources: RecordedResource[];
  /** Things the audit leaves out or cannot vouch for, as sentences. */
  readonly warnings: string[];
}

const MAX_PROBLEMS = 10;

/**
 * The stack name reported for an export that holds no resources and names its stack nowhere else.
 * Stack names cannot contain parentheses, so it never passes for a real one.
 */
export const UNKNOWN_STACK = "(unknown)";

const VERSIONS = `deployment versions ${OLDEST_DEPLOYMENT_VERSION} to ${NEWEST_DEPLOYMENT_VERSION}`;

/** Where an export names its stack besides its resources' URNs. */
interface StackName {
  readonly stack?: string | undefined;
  readonly project?: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Reads and parses an export file. */
export function readStackState(file: string): StackState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new StateFileError(
      `${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parseStackState(text, file);
}

/** Parses export text; `source` names the file in messages. */
export function parseStackState(text: string, source: string): StackState {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (err) {
    throw new StateFileError(`${source}: not JSON: ${(err as Error).message}`);
  }
  if (!isRecord(doc) || !isRecord(doc.checkpoint) || "deployment" in doc) {
    return stateFromDocument(doc, source, {});
  }
  // The file backend's checkpoint (`.pulumi/stacks/<project>/<stack>.json`, apitype
  // `VersionedCheckpoint` of `CheckpointV1`–`V3`) holds the same deployment under
  // `checkpoint.latest`, which is absent (`omitempty`) until the stack's first update.
  const stack = doc.checkpoint.stack;
  const name = { stack: typeof stack === "string" ? stack.split("/").pop() : undefined };
  const latest = doc.checkpoint.latest;
  if (latest === undefined) return emptyState(name, []);
  return stateFromDocument(
    { version: doc.version, features: doc.features, deployment: latest },
    source,
    name,
  );
}

/** The stack and project an export names outside its resources: the service secrets provider's state. */
function nameOf(deployment: Deployment, known: StackName): StackName {
  const state: unknown = deployment.secrets_providers?.state;
  const text = (key: string) =>
    isRecord(state) && typeof state[key] === "string" && state[key] !== "" ? state[key] : undefined;
  return { stack: known.stack ?? text("stack"), project: known.project ?? text("project") };
}

function emptyState(name: StackName, warnings: string[]): StackState {
  if (name.stack === undefined) {
    warnings.push(
      `the export holds no resources and does not name its stack; it is reported as ${UNKNOWN_STACK}`,
    );
  }
  return {
    stack: name.stack ?? UNKNOWN_STACK,
    project: name.project ?? UNKNOWN_STACK,
    resources: [],
    warnings,
  };
}

function invalid(source: string, problems: readonly string[]): never {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more =
    problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : "";
  throw new StateFileError(
    `${source}: not a usable stack export (${VERSIONS}):\n  ${shown.join("\n  ")}${more}`,
  );
}

function stateFromDocument(doc: unknown, source: string, name: StackName): StackState {
  if (!isRecord(doc)) {
    invalid(source, [`$: must be an object with "version" and "deployment", got ${kindOf(doc)}`]);
  }
  // The engine's own checks (stack.UnmarshalUntypedDeployment): a missing version decodes as 0,
  // "too old"; above DeploymentSchemaVersionLatest, "too new"; version 4 lists the features it needs.
  const version = doc.version;
  if (version === undefined) {
    invalid(source, [
      `$.version: is required (an integer): the deployment version, ${OLDEST_DEPLOYMENT_VERSION} to ${NEWEST_DEPLOYMENT_VERSION}`,
    ]);
  }
  if (
    typeof version === "number" &&
    Number.isInteger(version) &&
    (version < OLDEST_DEPLOYMENT_VERSION || version > NEWEST_DEPLOYMENT_VERSION)
  ) {
    const hint =
      version > NEWEST_DEPLOYMENT_VERSION
        ? "this file is newer than this reader"
        : "no Pulumi CLI reads deployments this old";
    invalid(source, [
      `$.version: deployment version ${version} is not supported; ${VERSIONS} are (${hint})`,
    ]);
  }
  const parsed = exportSchema.safeParse(doc);
  if (!parsed.success)
    invalid(
      source,
      parsed.error.issues.map((issue) => describeIssue(issue, doc)),
    );
  const { features = [], deployment: exported } = parsed.data;
  const unknown = features.filter((f) => !DEPLOYMENT_FEATURES.includes(f));
  if (parsed.data.version >= 4 && unknown.length > 0) {
    invalid(source, [
      `$.features: the deployment needs ${unknown.map((f) => JSON.stringify(f)).join(", ")}, ` +
        `which no Pulumi CLI this reader knows supports; known: ${DEPLOYMENT_FEATURES.join(", ")}`,
    ]);
  }
  const deployment = parsed.data.version < 3 ? upToDeploymentV3(exported) : exported;
  const problems: string[] = [];
  const state = convert(deployment, nameOf(deployment, name), problems);
  if (problems.length > 0 || state === undefined) invalid(source, problems);
  return state;
}

function convert(
  deployment: Deployment,
  name: StackName,
  problems: string[],
): StackState | undefined {
  const at = (i: number, ...rest: (string | number)[]) =>
    jsonPath(["deployment", "resources", i, ...rest]);
  const all = deployment.resources ?? [];
  const warnings: string[] = [];
  const live = all.map((r, i) => ({ r, i })).filter(({ r }) => r.delete !== true);
  const roots = live.filter(({ r }) => r.type === "pulumi:pulumi:Stack");
  const deleted = all.length - live.length;
  if (deleted > 0) {
    warnings.push(
      `${deleted} resource(s) marked for deletion (old copies awaiting replacement) are not audited; their live replacements are`,
    );
  }
  const pending = deployment.pending_operations ?? [];
  if (pending.length > 0) {
    const ops = pending.map((op) => `${op.type} ${op.resource.urn}`).join(", ");
    warnings.push(
      `${pending.length} operation(s) were still pending when the snapshot was taken and are not audited (${ops}); ` +
        "the stack may not match its cloud until `pulumi refresh` has run",
    );
  }

  // Nothing requires a root stack resource (the engine reads snapshots without one), so without
  // it the stack and project come from the first resource's URN, which every other must share.
  const root = roots[0] ?? live[0];
  if (root === undefined) {
    // Only resources awaiting deletion, if any: their URNs still name the stack.
    const urn = all[0] === undefined ? undefined : parseUrn(all[0].urn);
    return emptyState(urn ? { stack: urn.stack, project: urn.project } : name, warnings);
  }
  if (roots.length === 0) {
    warnings.push(
      `the export has no pulumi:pulumi:Stack resource; the stack and project are taken from ${at(root.i, "urn")}`,
    );
  }
  if (roots.length > 1) {
    problems.push(
      `${at(roots[1]?.i ?? 0, "urn")}: a second pulumi:pulumi:Stack resource (the first is at ${at(root.i)})`,
    );
  }
  const rootUrn = parseUrn(root.r.urn);
  if (rootUrn === undefined) {
    problems.push(
      `${at(root.i, "urn")}: must be a URN like urn:pulumi:<stack>::<project>::<type>::<name>`,
    );
    return undefined;
  }

  const known = new Map<string, number>();
  for (const { r, i } of live) {
    const first = known.get(r.urn);
    if (first !== undefined) problems.push(`${at(i, "urn")}: duplicates the URN of ${at(first)}`);
    else known.set(r.urn, i);
  }
  const resources: RecordedResource[] = [];
  for (const { r, i } of live) {
    const recorded = convertResource(r, i, rootUrn, known, problems);
    if (recorded) resources.push(recorded);
  }
  return { stack: rootUrn.stack, project: rootUrn.project, resources, warnings };
}

function convertResource(
  r: ExportedResource,
  i: number,
  root: { stack: string; project: string },
  known: ReadonlyMap<string, number>,
  problems: string[],
): RecordedResource | undefined {
  const at = (...rest: (string | number)[]) => jsonPath(["deployment", "resources", i, ...rest]);
  const before = problems.length;
  const urn = parseUrn(r.urn);
  if (urn === undefined) return undefined;
  if (urn.stack !== root.stack || urn.project !== root.project) {
    problems.push(
      `${at("urn")}: belongs to ${urn.project}/${urn.stack}, but the root stack is ${root.project}/${root.stack}`,
    );
  }
  if (urn.type !== r.type) {
    problems.push(
      `${at("urn")}: names type ${urn.type}, but ${at("type")} is ${JSON.stringify(r.type)}`,
    );
  }
  const mustExist = (ref: string, ...path: (string | number)[]) => {
    if (!known.has(ref))
      problems.push(`${at(...path)}: no resource in this export has URN ${JSON.stringify(ref)}`);
  };
  if (r.parent !== undefined) mustExist(r.parent, "parent");
  (r.dependencies ?? []).forEach((d, j) => mustExist(d, "dependencies", j));
  const provider = r.provider === undefined ? undefined : parseProviderReference(r.provider);
  if (provider) mustExist(provider.urn, "provider");
  const sourcePosition =
    r.sourcePosition === undefined ? undefined : parseSourcePosition(r.sourcePosition);
  if (r.sourcePosition !== undefined && sourcePosition === undefined) {
    problems.push(
      `${at("sourcePosition")}: must look like project:///index.ts#12,5, got ${JSON.stringify(r.sourcePosition)}`,
    );
  }
  const propertyDependencies: Record<string, readonly string[]> = Object.fromEntries(
    Object.entries(r.propertyDependencies ?? {}).map(([key, deps]) => [key, deps ?? []]),
  );
  const dependencies = [
    ...new Set([...(r.dependencies ?? []), ...Object.values(propertyDependencies).flat()]),
  ];
  const links = { dependencies, propertyDependencies, provider: r.provider };
  const options = optionsFromExport(r, links, at(), problems);
  if (problems.length > before) return undefined;

  return {
    urn: r.urn,
    type: r.type,
    name: urn.name,
    parent: r.parent,
    custom: r.custom,
    id: r.custom ? r.id : undefined,
    inputs: decodeStateObject(r.inputs ?? {}),
    outputs: decodeStateObject(r.outputs ?? {}),
    dependencies,
    propertyDependencies,
    provider: r.provider,
    ...(sourcePosition ? { sourcePosition } : {}),
    options,
  };
}
