/**
 * Whether a stack is production, as the stateful-protection policies decide it: a resource labels
 * or tags itself `environment: prod` (or `production`), directly (`labels`, `userLabels`, `tags`,
 * `tagsAll`) or through its explicit provider's `defaultTags.tags` (AWS adds those to every
 * resource the provider creates). Rules that only production must satisfy (backups, deletion
 * protection) judge a stack's resources only then, so the same pack config serves dev and prod.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isRecord } from "./values";

/** `environment` values that mark a stack as production. */
export const PRODUCTION_ENVIRONMENT_VALUES: readonly string[] = ["prod", "production"];

/** A label or tag map; provider inputs carry nested objects as JSON text. */
function labelMap(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === "string") {
    try {
      return labelMap(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  return isRecord(value) ? value : undefined;
}

/** The `environment` label or tag of a resource, if it carries one. */
export function environmentLabel(r: PolicyResource): string | undefined {
  const defaults = labelMap(r.provider?.props.defaultTags);
  const maps = [r.props.labels, r.props.userLabels, r.props.tags, r.props.tagsAll, defaults?.tags];
  for (const m of maps.map(labelMap)) {
    if (m !== undefined && typeof m.environment === "string") return m.environment;
  }
  return undefined;
}

/** True when some resource of the stack marks it as production. */
export function isProductionStack(resources: readonly PolicyResource[]): boolean {
  return resources.some((r) => {
    const env = environmentLabel(r);
    return env !== undefined && PRODUCTION_ENVIRONMENT_VALUES.includes(env);
  });
}
