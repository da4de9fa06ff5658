/**
 * Runs the pack offline over recorded resources, with the engine's semantics (mirroring
 * @pulumi/policy's analyzer, server.js): resource policies see each resource's inputs wrapped in the
 * unknown-checking proxy; stack policies see every resource with its outputs, parent, dependencies
 * and property dependencies; `notApplicable()` skips; a value unknown during a preview turns into an
 * advisory "can't run" finding. The policies are the very objects the pack registers.
 */
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { PackPolicy, ViolationReport } from "../lib/define";
import { isRecord, UNKNOWN, unknownCheckingProxy, UnknownValueError } from "../lib/values";
import { version as PACK_VERSION } from "../package.json";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, POLICIES } from "../pack";
import { DEFAULT_RESOURCE_OPTIONS, SECRET_PLACEHOLDER, type RecordedResource } from "./mock-types";
import type { PolicyConfig } from "./policy-config";
import type { EnforcementLevel, PolicyMeta, Violation } from "./report-model";

export {
  loadPolicyConfig,
  policyConfigForStack,
  PolicyConfigError,
  type PolicyConfig,
} from "./policy-config";

/** Static metadata of one policy, for reports (SARIF rules, per-policy summary). */
export type PolicyInfo = PolicyMeta;

/** A policy threw something other than "not applicable" or "unknown during preview". */
export class PolicyEvaluationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PolicyEvaluationError";
  }
}

/** The level the engine would apply: the file's policy entry, then "all", then the policy's own. */
function effectiveLevel(p: PackPolicy, config: PolicyConfig | undefined): EnforcementLevel {
  const configured = config?.policies.get(p.meta.name)?.enforcementLevel ?? config?.all;
  const level = configured ?? p.policy.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
  // Validations that still fail under "remediate" are reported as mandatory.
  return level === "remediate" ? "mandatory" : level;
}

/** The pack's policies with their effective enforcement levels. */
export function policyCatalog(config?: PolicyConfig): PolicyInfo[] {
  return POLICIES.map((p) => ({
    pack: PACK_NAME,
    name: p.meta.name,
    description: p.meta.description,
    severity: p.meta.severity,
    enforcementLevel: effectiveLevel(p, config),
    remediationSteps: p.meta.remediationSteps,
    tags: p.meta.tags,
    ...(p.meta.checkovId ? { checkovId: p.meta.checkovId } : {}),
    ...(p.meta.cdkNagId ? { cdkNagId: p.meta.cdkNagId } : {}),
  }));
}

/**
 * What `args.notApplicable` throws. Not an Error: most policies apply to few types, so it is thrown
 * for nearly every (policy, resource) pair, and capturing a stack trace each time dominated audits
 * of large exports.
 */
class NotApplicable {
  constructor(readonly reason: string) {}
}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "Policy does not apply");
};

/**
 * `opts` as the analyzer builds them (@pulumi/policy server.js `getResourceOptions`) from the
 * options the engine marshals (github.com/pulumi/pulumi, pkg/resource/plugin/analyzer_plugin.go
 * `marshalResourceOptions`): the same keys in the same order, `deleteBeforeReplace` only when the
 * program set it, `parent` only when there is one; a fresh copy for every policy.
 */
export function optionsOf(r: RecordedResource): PolicyResourceOptions {
  const o = r.options ?? DEFAULT_RESOURCE_OPTIONS;
  const opts: PolicyResourceOptions = {
    protect: o.protect,
    ignoreChanges: [...o.ignoreChanges],
    aliases: [...o.aliases],
    customTimeouts: {
      createSeconds: o.customTimeouts.create,
      updateSeconds: o.customTimeouts.update,
      deleteSeconds: o.customTimeouts.delete,
    },
    additionalSecretOutputs: [...o.additionalSecretOutputs],
  };
  if (o.deleteBeforeReplace !== undefined) opts.deleteBeforeReplace = o.deleteBeforeReplace;
  if (r.parent !== undefined) opts.parent = r.parent;
  return opts;
}

/**
 * Properties as the analyzer deserializes them: keys holding `undefined` are dropped. The engine
 * hands policies a secret's plaintext; offline only {@link SECRET_PLACEHOLDER} is known, so a
 * secret reaches the policy as a value not known yet — present, but not to be judged — rather than
 * as the placeholder text (which no document, list or object schema would accept).
 */
function proxied(values: Record<string, unknown>): Record<string, unknown> {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return unknownCheckingProxy(secretsAsUnknown(structuredCloneSafe(defined)) as typeof defined);
}

/** Replaces every secret placeholder by the unknown sentinel (in place; `value` is a copy). */
function secretsAsUnknown(value: unknown): unknown {
  if (value === SECRET_PLACEHOLDER) return UNKNOWN;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = secretsAsUnknown(value[i]);
  } else if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) value[k] = secretsAsUnknown(v);
  }
  return value;
}

/** Property paths (`a.0.b`) holding a secret placeholder. */
function secretPaths(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (value === SECRET_PLACEHOLDER) out.push(path.join("."));
  else if (Array.isArray(value)) value.forEach((v, i) => secretPaths(v, [...path, String(i)], out));
  else if (isRecord(value))
    for (const [k, v] of Object.entries(value)) secretPaths(v, [...path, k], out);
  return out;
}

/** The path an UnknownValueError names, as `a.0.b` (policies write `a[0].b`). */
function unknownPath(err: Error): string {
  const props = (err as { props?: unknown }).props;
  const path = Array.isArray(props) ? props.map(String).join(".") : "";
  return path.replace(/\[(\d+)\]/g, ".$1");
}

/** True when the value a deferred policy needed is (inside) a secret of `values`. */
function isSecretAt(values: Record<string, unknown>, err: Error): boolean {
  const path = unknownPath(err);
  if (path === "") return false;
  return secretPaths(values).some(
    (s) => s === path || path.startsWith(`${s}.`) || s.startsWith(`${path}.`),
  );
}

/** A deep copy, so a policy that writes to its properties cannot affect another policy. */
function structuredCloneSafe(value: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(value);
  } catch {
    // Assets and archives are class instances; a shallow copy keeps them intact.
    return { ...value };
  }
}

type ResourceClass = { new (...rest: never[]): unknown; isInstance?: (o: unknown) => boolean };

/** The analyzer's `isType`: by the class's Pulumi type token, else its `isInstance`. */
function isTypeOf(type: string, resourceClass: ResourceClass): boolean {
  const token = (resourceClass as unknown as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token === "string") return token === type;
  return resourceClass.isInstance?.({ __pulumiType: type }) === true;
}

/** The explicit provider of a resource, as the analyzer describes it. */
function providerOf(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>) {
  if (r.provider === undefined) return undefined;
  const urn = r.provider.split("::").slice(0, -1).join("::");
  const p = byUrn.get(urn);
  if (p === undefined) return undefined;
  // Copied on first read, like every resource's properties: few policies look at the provider.
  let props: Record<string, unknown> | undefined;
  return {
    type: p.type,
    get props() {
      return (props ??= proxied(p.inputs));
    },
    urn: p.urn,
    name: p.name,
  };
}

export interface EvaluateOptions {
  readonly stack: string;
  readonly project: string;
  readonly config?: PolicyConfig;
}

/** Evaluates every enabled policy of the pack over the resources. */
export function evaluatePolicies(
  resources: readonly RecordedResource[],
  opts: EvaluateOptions,
): Promise<Violation[]> {
  return runPolicies(POLICIES, resources, opts);
}

/** Evaluates the given policies (the pack's, or a subset in tests) over the resources. */
export async function runPolicies(
  policies: readonly PackPolicy[],
  resources: readonly RecordedResource[],
  opts: EvaluateOptions,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const stackUrn =
    resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ??
    `urn:pulumi:${opts.stack}::${opts.project}::pulumi:pulumi:Stack::${opts.project}-${opts.stack}`;
  const stackTags: ReadonlyMap<string, string> = new Map();

  for (const p of policies) {
    const level = effectiveLevel(p, opts.config);
    if (level === "disabled") continue;
    const properties = opts.config?.policies.get(p.meta.name)?.properties ?? {};
    const getConfig = <T extends object>(): T => structuredClone(properties) as T;
    const record = (report: string | ViolationReport, urn: string) => {
      if (typeof report === "string") {
        violations.push(violation(p, level, urn, report));
      } else {
        const at = report.urn ?? urn;
        violations.push({ ...violation(p, level, at, report.detail), exemption: report.exemption });
      }
    };
    const guard = async (
      urn: string,
      run: () => Promise<void> | void,
      inputs?: Record<string, unknown>,
    ) => {
      try {
        await run();
      } catch (err) {
        if (err instanceof NotApplicable) return;
        if (err instanceof UnknownValueError) {
          const from = `policy '${p.meta.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}'`;
          const message =
            inputs !== undefined && isSecretAt(inputs, err)
              ? `can't run ${from} offline: the value at .${unknownPath(err)} is a secret, which the offline check cannot read`
              : `can't run ${from} during preview: ${err.message}`;
          violations.push(violation(p, "advisory", urn, message));
          return;
        }
        throw new PolicyEvaluationError(
          `policy ${p.meta.name} failed on ${urn}: ${(err as Error).message ?? String(err)}`,
          { cause: err },
        );
      }
    };

    if ("validateResource" in p.policy && p.policy.validateResource !== undefined) {
      const validations: ResourceValidation[] = Array.isArray(p.policy.validateResource)
        ? p.policy.validateResource
        : [p.policy.validateResource];
      for (const r of resources) {
        for (const validate of validations) {
          // Copied on first read: a policy that does not apply to the type never reads them.
          let props: Record<string, unknown> | undefined;
          const propsOnce = () => (props ??= proxied(r.inputs));
          let opts: PolicyResourceOptions | undefined;
          const args = {
            type: r.type,
            get props() {
              return propsOnce();
            },
            urn: r.urn,
            name: r.name,
            get opts() {
              return (opts ??= optionsOf(r));
            },
            stackTags,
            isType: (cls: ResourceClass) => isTypeOf(r.type, cls),
            asType: (cls: ResourceClass) => (isTypeOf(r.type, cls) ? propsOnce() : undefined),
            getConfig,
            notApplicable,
          } as unknown as ResourceValidationArgs;
          if (r.provider !== undefined) {
            let provider: ReturnType<typeof providerOf>;
            Object.defineProperty(args, "provider", {
              enumerable: true,
              get: () => (provider ??= providerOf(r, byUrn)),
            });
          }
          // Resource findings always belong to the resource under validation.
          const report = (m: string | ViolationReport) => record(m, r.urn);
          await guard(r.urn, () => validate(args, report as (m: string) => void), r.inputs);
        }
      }
    } else if ("validateStack" in p.policy) {
      const validateStack = p.policy.validateStack;
      const args: StackValidationArgs = {
        resources: policyResources(resources, byUrn),
        stackTags,
        getConfig,
        notApplicable,
      };
      const report = (m: string | ViolationReport, urn?: string) => record(m, urn ?? stackUrn);
      await guard(stackUrn, () => validateStack(args, report as (m: string, urn?: string) => void));
    }
  }
  return violations;
}

function violation(
  p: PackPolicy,
  level: EnforcementLevel,
  urn: string,
  message: string,
): Violation {
  return {
    pack: PACK_NAME,
    policy: p.meta.name,
    enforcementLevel: level,
    severity: p.meta.severity,
    urn,
    message,
  };
}

/** Every resource as a stack policy sees it: outputs, parent, dependencies as resource objects. */
function policyResources(
  resources: readonly RecordedResource[],
  byUrn: ReadonlyMap<string, RecordedResource>,
): PolicyResource[] {
  const built = new Map<string, PolicyResource>();
  for (const r of resources) {
    // A stack policy reads the properties of the few types it checks: each resource's copy is made
    // on first read (still one per policy), not for every resource of the stack up front.
    let props: Record<string, unknown> | undefined;
    const propsOnce = () => (props ??= proxied(isRecord(r.outputs) ? r.outputs : {}));
    const provider = providerOf(r, byUrn);
    const resource: PolicyResource = {
      type: r.type,
      get props() {
        return propsOnce();
      },
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(r.type, cls as unknown as ResourceClass),
      asType: ((cls: ResourceClass) =>
        isTypeOf(r.type, cls) ? propsOnce() : undefined) as PolicyResource["asType"],
      ...(provider ? { provider } : {}),
    };
    built.set(r.urn, resource);
  }
  for (const r of resources) {
    const resource = built.get(r.urn) as PolicyResource;
    const parent = r.parent === undefined ? undefined : built.get(r.parent);
    if (parent) resource.parent = parent;
    resource.dependencies = r.dependencies
      .map((d) => built.get(d))
      .filter((d): d is PolicyResource => d !== undefined);
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      resource.propertyDependencies[key] = urns
        .map((d) => built.get(d))
        .filter((d): d is PolicyResource => d !== undefined);
    }
  }
  return [...built.values()];
}
