/** Deployability test plumbing: run one rule over resources shaped as the mock runtime records them. */
import type { DeployabilityContext, DeployabilityRule } from "../../../policies/deployability/rule";
import type { RecordedResource } from "../../../policies/offline/mock-types";

export { res, edit, urnOf } from "../support/policy-test";

export const PLAN: DeployabilityContext = {
  source: "plan",
  lambdaConcurrencyLimit: 1000,
  lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit's default",
};

/** The rule's findings as `resource-name: message`. */
export function run(
  rule: DeployabilityRule,
  resources: readonly RecordedResource[],
  ctx: DeployabilityContext = PLAN,
): string[] {
  return rule.check(resources, ctx).map((f) => `${f.urn.split("::").pop() ?? f.urn}: ${f.message}`);
}

/** `r` registered through the explicit provider `provider`. */
export function via(r: RecordedResource, provider: RecordedResource): RecordedResource {
  return { ...r, provider: `${provider.urn}::${provider.id ?? "id"}` };
}
