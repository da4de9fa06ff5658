/**
 * Reads a `pulumi stack export` document (deployment version 3) into the resources the policy
 * engine evaluates: the same {@link RecordedResource} shape the mock runtime records for plans.
 *
 * Works for any Pulumi program's export. Secrets are replaced before anything else sees a value.
 * Problems throw {@link StateFileError}, naming the JSON path of the offending value.
 */
import { readFileSync } from "node:fs";
import type { RecordedResource } from "./mock-types";
import { parseSourcePosition } from "./state-position";
import {
  describeIssue,
  exportSchema,
  jsonPath,
  SUPPORTED_DEPLOYMENT_VERSION,
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
  return stateFromDocument(unwrapCheckpoint(doc, source), source);
}

/**
 * The file backend's checkpoint (`.pulumi/stacks/<project>/<stack>.json`) holds the same
 * deployment under `checkpoint.latest`; accept it too.
 */
function unwrapCheckpoint(doc: unknown, source: string): unknown {
  if (!isRecord(doc) || !isRecord(doc.checkpoint) || "deployment" in doc) return doc;
  const latest = doc.checkpoint.latest;
  if (latest === undefined) {
    throw new StateFileError(
      `${source}: $.checkpoint.latest: is required: the checkpoint holds no deployment`,
    );
  }
  return { version: doc.version, deployment: latest };
}

function invalid(source: string, problems: readonly string[]): never {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more =
    problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : "";
  throw new StateFileError(
    `${source}: not a usable stack export (deployment version ${SUPPORTED_DEPLOYMENT_VERSION}):\n  ${shown.join("\n  ")}${more}`,
  );
}

function stateFromDocument(doc: unknown, source: string): StackState {
  if (!isRecord(doc)) {
    invalid(source, [
      `$: must be an object with "version" and "deployment", got ${Array.isArray(doc) ? "an array" : `a ${typeof doc}`}`,
    ]);
  }
  const version = doc.version;
  if (typeof version === "number" && version !== SUPPORTED_DEPLOYMENT_VERSION) {
    const hint =
      version > SUPPORTED_DEPLOYMENT_VERSION
        ? "this file is newer"
        : "re-export it with a current CLI";
    invalid(source, [
      `$.version: deployment version ${version} is not supported; only version ${SUPPORTED_DEPLOYMENT_VERSION} is ` +
        `(written by \`pulumi stack export\` from Pulumi CLI 3.x; ${hint})`,
    ]);
  }
  const parsed = exportSchema.safeParse(doc);
  if (!parsed.success)
    invalid(
      source,
      parsed.error.issues.map((issue) => describeIssue(issue, doc)),
    );
  const problems: string[] = [];
  const state = convert(parsed.data.deployment, problems);
  if (problems.length > 0 || state === undefined) invalid(source, problems);
  return state;
}

function convert(deployment: Deployment, problems: string[]): StackState | undefined {
  const at = (i: number, ...rest: (string | number)[]) =>
    jsonPath(["deployment", "resources", i, ...rest]);
  const roots = deployment.resources
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.type === "pulumi:pulumi:Stack" && r.delete !== true);
  const root = roots[0];
  if (root === undefined) {
    problems.push(
      `${jsonPath(["deployment", "resources"])}: has no pulumi:pulumi:Stack resource, so the stack and project are unknown`,
    );
    return undefined;
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

  const warnings: string[] = [];
  const live = deployment.resources.map((r, i) => ({ r, i })).filter(({ r }) => r.delete !== true);
  const deleted = deployment.resources.length - live.length;
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
  if (problems.length > before) return undefined;

  const propertyDependencies: Record<string, readonly string[]> = { ...r.propertyDependencies };
  const dependencies = [
    ...new Set([...(r.dependencies ?? []), ...Object.values(propertyDependencies).flat()]),
  ];
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
  };
}
