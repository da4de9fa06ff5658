/**
 * Pulumi's mock runtime, set up the way the engine would run a program: config applied through the
 * runtime config API, every registration recorded with its parent, dependencies, inputs and outputs,
 * realistic ids from the mocked clouds, and unmocked invokes failing loudly.
 *
 * One module for tests and for `check`, so both plan exactly the same way.
 */
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperty, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { hexFrom } from "./mock-identity";
import { mockAwsResource } from "./mock-state-aws";
import { mockGcpResource } from "./mock-state-gcp";
import { mockInvoke } from "./mock-invokes";
import { withoutPromiseStacks } from "./mock-promises";
import { checkBuildContext, MissingAssetError, packagedFiles } from "./mock-assets";
import { optionsFromRequest, type OptionsRequest } from "./mock-options";
import {
  SECRET_PLACEHOLDER,
  type MockedResource,
  type RecordedResource,
  type ResourceRequest,
} from "./mock-types";
import { fromSdkPosition } from "./state-position";

export type { RecordedResource } from "./mock-types";
export { MissingAssetError } from "./mock-assets";
export { SECRET_PLACEHOLDER };

export interface MockRuntimeOptions {
  readonly project: string;
  readonly stack: string;
  /** Full config map, e.g. `{ "eventstack:cloud": "gcp", "gcp:project": "acme-dev" }`. */
  readonly config: Readonly<Record<string, string>>;
  /** Config keys that hold secrets. */
  readonly secretKeys?: readonly string[];
  /**
   * Directory source positions are made relative to, as the engine does, and relative asset paths
   * are read from. Default: the cwd.
   */
  readonly projectRoot?: string;
}

/** Everything the mock runtime saw while a program ran. */
export interface MockRuntime {
  /** Registered resources in registration order (the root stack first). */
  readonly resources: readonly RecordedResource[];
  /** Looks up recorded resources by type token. */
  ofType(type: string): RecordedResource[];
}

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}
interface UrnList {
  getUrnsList(): string[];
}
interface SdkSourcePosition {
  getUri(): string;
  getLine(): number;
  getColumn(): number;
}
interface RegisterRequest extends OptionsRequest {
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getPropertydependenciesMap(): { forEach(cb: (value: UrnList, key: string) => void): void };
  getSourceposition(): SdkSourcePosition | undefined;
}
interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): StructLike | undefined;
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): StructLike | undefined;
}
type Callback<T> = (err: unknown, res: T | undefined) => void;
interface PatchableMonitor {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, cb: Callback<RegisterResponse>): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, cb: Callback<unknown>): void;
}

/**
 * The URN the engine would assign: the parent's whole qualified type chain is prefixed, except the
 * root stack's (the mock monitor's own scheme keeps only the last parent type, which would make
 * URNs — and so exemptions and reports keyed on them — differ from a real preview).
 */
export function engineUrn(
  stack: string,
  project: string,
  parent: string,
  type: string,
  name: string,
): string {
  const parentType = parent ? parent.split("::")[2] : undefined;
  const qualified =
    parentType === undefined || parentType === "pulumi:pulumi:Stack"
      ? type
      : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Replaces secret envelopes by {@link SECRET_PLACEHOLDER}, then decodes the wire format. */
export function decodeRedacted(value: unknown): unknown {
  return deserializeProperty(redact(value));
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === pulumi.runtime.specialSecretSig) return SECRET_PLACEHOLDER;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

function decodeStruct(struct: StructLike | undefined): Record<string, unknown> {
  return decodeWire(struct?.toJavaScript());
}

function decodeWire(wire: Record<string, unknown> | undefined): Record<string, unknown> {
  if (wire === undefined) return {};
  const decoded = decodeRedacted(wire);
  return decoded !== null && typeof decoded === "object"
    ? (decoded as Record<string, unknown>)
    : {};
}

function cloudOf(config: Readonly<Record<string, string>>) {
  return {
    gcpProject: config["gcp:project"] ?? "mock-project",
    gcpRegion: config["gcp:region"] ?? "us-central1",
    awsRegion: config["aws:region"] ?? "us-east-1",
  };
}

/** The mocked providers: realistic ids and computed state for both clouds. */
export function mockResource(
  req: ResourceRequest,
  config: Readonly<Record<string, string>>,
): MockedResource {
  const where = cloudOf(config);
  if (req.type.startsWith("gcp:")) return mockGcpResource(req, where.gcpProject, where.gcpRegion);
  if (req.type.startsWith("aws:") || req.type.startsWith("awsx:"))
    return mockAwsResource(req, where.awsRegion);
  if (req.type.startsWith("docker-build:")) {
    const digest = `sha256:${hexFrom(req.name, 64)}`;
    const tags = Array.isArray(req.inputs.tags) ? (req.inputs.tags as string[]) : [];
    return { id: digest, state: { digest, ref: `${tags[0] ?? req.name}@${digest}` } };
  }
  if (req.type === "time:index/sleep:Sleep") {
    // The time provider's Sleep id is the RFC 3339 time its wait ended (pulumiverse/pulumi-time,
    // terraform-provider-time `time_sleep`); a fixed one keeps plans reproducible.
    return { id: "2025-01-01T00:00:00Z", state: {} };
  }
  return { id: `${req.name}-id`, state: {} };
}

/**
 * Installs the mock runtime and config. Call before importing the program; then run it with
 * `runProgram`. Re-installing resets everything, so one process can plan several stacks.
 */
export async function installMockRuntime(opts: MockRuntimeOptions): Promise<MockRuntime> {
  withoutPromiseStacks();
  const recorded: RecordedResource[] = [];
  const byUrn = new Map<string, RecordedResource>();
  const hashes = new Map<string, string>();
  const projectRoot = opts.projectRoot ?? process.cwd();
  const urnOf = (parent: string, type: string, name: string) =>
    engineUrn(opts.stack, opts.project, parent, type, name);
  assetFailure = undefined;

  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        const mocked = mockResource({ type: args.type, name: args.name, inputs }, opts.config);
        return { id: mocked.id, state: { ...inputs, ...mocked.state } };
      },
      call: (args) => mockInvoke(args, cloudOf(opts.config)),
    },
    opts.project,
    opts.stack,
    false,
  );
  pulumi.runtime.setAllConfig({ ...opts.config }, [...(opts.secretKeys ?? [])]);

  const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor;
  monitor.newUrn = urnOf;
  const register = monitor.registerResource.bind(monitor);
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);

  monitor.registerResource = (req, cb) => {
    const wire = req.getObject()?.toJavaScript();
    const inputs = decodeWire(wire);
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    let packaged;
    try {
      // The engine hashes every asset before it diffs; a missing path fails the registration.
      const urn = urnOf(req.getParent(), req.getType(), req.getName());
      packaged = packagedFiles(urn, wire, projectRoot, hashes);
      checkBuildContext(urn, req.getType(), inputs, projectRoot);
    } catch (err) {
      if (!(err instanceof MissingAssetError)) throw err;
      assetFailure ??= err;
      cb(err, undefined);
      return Promise.resolve();
    }
    const options = optionsFromRequest(req, {
      stack: opts.stack,
      project: opts.project,
      urnOf,
      parentOptions: byUrn.get(req.getParent())?.options,
      propertyDependencyUrns: new Set(Object.values(propertyDependencies).flat()),
    });
    const pos = req.getSourceposition();
    const sourcePosition = pos
      ? fromSdkPosition(pos.getUri(), pos.getLine(), pos.getColumn(), projectRoot)
      : undefined;
    return register(req, (err, res) => {
      if (!err && res) {
        const entry: RecordedResource = {
          urn: res.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || undefined,
          custom: req.getCustom(),
          id: req.getCustom() ? res.getId() : undefined,
          inputs,
          outputs: req.getCustom() ? decodeStruct(res.getObject()) : {},
          dependencies: [
            ...new Set([
              ...req.getDependenciesList(),
              ...Object.values(propertyDependencies).flat(),
            ]),
          ],
          propertyDependencies,
          provider: req.getProvider() || undefined,
          ...(sourcePosition ? { sourcePosition } : {}),
          options,
          ...(packaged.length > 0 ? { packaged } : {}),
        };
        recorded.push(entry);
        byUrn.set(entry.urn, entry);
      }
      cb(err, res);
    });
  };
  monitor.registerResourceOutputs = (req, cb) => {
    const entry = byUrn.get(req.getUrn());
    if (entry) entry.outputs = decodeStruct(req.getOutputs());
    registerOutputs(req, cb);
  };

  return {
    resources: recorded,
    ofType: (type) => recorded.filter((r) => r.type === type),
  };
}

/**
 * The first missing asset path of the current run: the SDK rewraps a failed registration in its
 * own error, so the runtime keeps the original for {@link runProgram} to report.
 */
let assetFailure: MissingAssetError | undefined;

/** A Pulumi program module: either plain exports, or a function returning the stack outputs. */
type ProgramModule = Record<string, unknown> | (() => unknown);

/**
 * Runs a program the way Pulumi's Node.js language host does: inside the root stack resource,
 * exports (or the exported function's result) become stack outputs; resolves once every
 * registration has settled.
 */
export async function runProgram(
  load: () => ProgramModule | Promise<ProgramModule>,
): Promise<Record<string, unknown>> {
  // The engine reports a failed program once; promises the SDK leaves behind (the stack's own
  // registration, children awaiting a parent) reject too and must not surface as crashes.
  const stray: unknown[] = [];
  const onStray = (err: unknown) => stray.push(err);
  process.on("unhandledRejection", onStray);
  let outputs: Record<string, unknown> = {};
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      const mod = await load();
      const result = typeof mod === "function" ? await mod() : mod;
      outputs = (result ?? {}) as Record<string, unknown>;
      return outputs;
    });
    await pulumi.runtime.disconnect();
  } catch (err) {
    throw assetFailure ?? err;
  } finally {
    await new Promise((r) => setImmediate(r));
    process.off("unhandledRejection", onStray);
  }
  if (stray.length > 0) throw assetFailure ?? stray[0];
  return outputs;
}
