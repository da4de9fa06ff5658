/**
 * The deployability rules and their runner. `check` runs them over every plan and stack export
 * next to the policy pack; their findings always fail the check and cannot be exempted.
 */
import type { RecordedResource } from "../../policies/offline/mock-types";
import type {
  DeployabilityContext,
  DeployabilityFinding,
  DeployabilityRule,
  DeployabilityRuleMeta,
} from "./rule";
import { labelLimits } from "./rules/label-limits";
import { lambdaConcurrencyQuota } from "./rules/lambda-concurrency-quota";
import { physicalNameCollision } from "./rules/physical-name-collision";
import { resourceLimits } from "./rules/resource-limits";
import { unresolvableSecretReference } from "./rules/unresolvable-secret-reference";

export type { DeployabilityContext, DeployabilityFinding, DeployabilityRuleMeta } from "./rule";

/** AWS's standard Lambda concurrent-executions quota per account and region. */
export const DEFAULT_LAMBDA_CONCURRENCY_LIMIT = 1000;

export const DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  physicalNameCollision,
  resourceLimits,
  labelLimits,
  lambdaConcurrencyQuota,
  unresolvableSecretReference,
];

/** The rules' metadata, for reports. */
export function deployabilityCatalog(): DeployabilityRuleMeta[] {
  return DEPLOYABILITY_RULES.map((r) => r.meta);
}

/** Runs every rule that applies to `ctx.source`; findings in rule order, then resource order. */
export function checkDeployability(
  resources: readonly RecordedResource[],
  ctx: DeployabilityContext,
): DeployabilityFinding[] {
  return DEPLOYABILITY_RULES.filter((r) => r.meta.appliesTo.includes(ctx.source)).flatMap((r) =>
    r.check(resources, ctx),
  );
}
