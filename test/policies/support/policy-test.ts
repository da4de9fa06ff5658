/**
 * Per-policy test plumbing: resources shaped as the mock runtime records them, evaluated through
 * the offline evaluator (which builds args as the engine does: unknown-checking proxy,
 * `notApplicable`, `getConfig`), one policy at a time.
 */
import type { PackPolicy } from "../../../policies/lib/define";
import { UNKNOWN } from "../../../policies/lib/values";
import { runPolicies } from "../../../policies/offline/evaluate";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { parsePolicyConfig } from "../../../policies/offline/policy-config";
import type { Violation } from "../../../policies/offline/report-model";

export { UNKNOWN };

export const STACK = "test";
export const PROJECT = "shop";

/** The URN a resource of `type` named `name` gets in the test stack. */
export const urnOf = (type: string, name: string): string =>
  `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;

export interface ResourceExtras {
  /** Outputs (what stack policies see); defaults to the inputs. */
  readonly outputs?: Record<string, unknown>;
  /** Property → resources it depends on. */
  readonly deps?: Readonly<Record<string, readonly RecordedResource[]>>;
}

/** A recorded resource with these inputs. */
export function res(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extras: ResourceExtras = {},
): RecordedResource {
  const propertyDependencies = Object.fromEntries(
    Object.entries(extras.deps ?? {}).map(([k, rs]) => [k, rs.map((r) => r.urn)]),
  );
  return {
    urn: urnOf(type, name),
    type,
    name,
    parent: urnOf("pulumi:pulumi:Stack", `${PROJECT}-${STACK}`),
    custom: true,
    id: `${name}-id`,
    inputs,
    outputs: extras.outputs ?? inputs,
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
    provider: undefined,
  };
}

/** `base` with `patch` applied to its inputs and outputs; `undefined` removes a property. */
export function edit(base: RecordedResource, patch: Record<string, unknown>): RecordedResource {
  const apply = (props: Record<string, unknown>) => {
    const out = { ...props, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
    return out;
  };
  return { ...base, inputs: apply(base.inputs), outputs: apply(base.outputs) };
}

/** Runs one policy over the resources, with an optional pack config (as in the JSON file). */
export function findings(
  policy: PackPolicy,
  resources: RecordedResource | readonly RecordedResource[],
  config?: Record<string, unknown>,
): Promise<Violation[]> {
  const list = Array.isArray(resources) ? resources : [resources as RecordedResource];
  return runPolicies([policy], list, {
    stack: STACK,
    project: PROJECT,
    ...(config ? { config: parsePolicyConfig(JSON.stringify(config), "test.json") } : {}),
  });
}

/** Open (not exempted) findings as `urn-name: message`. */
export function open(violations: readonly Violation[]): string[] {
  return violations
    .filter((v) => v.exemption === undefined)
    .map((v) => `${v.urn.split("::").pop() ?? v.urn}: ${v.message}`);
}
