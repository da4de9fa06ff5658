/**
 * Resource options in a stack export: the option fields of `ResourceV3` (github.com/pulumi/pulumi,
 * sdk/go/common/apitype/core.go — `protect`, `retainOnDelete`, `ignoreChanges`, `aliases`,
 * `customTimeouts` in seconds, `additionalSecretOutputs`, `replaceOnChanges`, all `omitempty`).
 * The snapshot keeps no `deleteBeforeReplace`, so an audit leaves it unset, as the engine's own
 * snapshot analysis does (pkg/resource/deploy/analyze_snapshot.go).
 */
import type { CustomTimeoutSeconds, RecordedResource, ResourceOptions } from "./mock-types";

/** The `ResourceV3` option fields for these options, empty ones left out as Go's encoder does. */
export function exportOptions(o: ResourceOptions | undefined): Record<string, unknown> {
  if (o === undefined) return {};
  const t = o.customTimeouts;
  const timeouts = Object.fromEntries(Object.entries(t).filter(([, seconds]) => seconds !== 0));
  const list = (key: string, values: readonly string[]) =>
    values.length > 0 ? { [key]: [...values] } : {};
  return {
    ...(o.protect ? { protect: true } : {}),
    ...list("additionalSecretOutputs", o.additionalSecretOutputs),
    ...list("aliases", o.aliases),
    ...(Object.keys(timeouts).length > 0 ? { customTimeouts: timeouts } : {}),
    ...(o.retainOnDelete ? { retainOnDelete: true } : {}),
    ...list("ignoreChanges", o.ignoreChanges),
    ...list("replaceOnChanges", o.replaceOnChanges),
  };
}

type Problems = string[];

function bool(r: Record<string, unknown>, key: string, at: string, problems: Problems): boolean {
  const v = r[key];
  if (v === undefined) return false;
  if (typeof v === "boolean") return v;
  problems.push(`${at}.${key}: must be true or false, got ${JSON.stringify(v)}`);
  return false;
}

function strings(
  r: Record<string, unknown>,
  key: string,
  at: string,
  problems: Problems,
): string[] {
  const v = r[key];
  // Go writes a nil slice without `omitempty` as null; these fields have it, but accept both.
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((s) => typeof s === "string")) return v as string[];
  problems.push(`${at}.${key}: must be a list of strings, got ${JSON.stringify(v)}`);
  return [];
}

function timeouts(
  r: Record<string, unknown>,
  at: string,
  problems: Problems,
): CustomTimeoutSeconds {
  const none = { create: 0, update: 0, delete: 0, read: 0 };
  const v = r.customTimeouts;
  if (v === undefined || v === null) return none;
  if (typeof v !== "object" || Array.isArray(v)) {
    problems.push(`${at}.customTimeouts: must be an object of seconds, got ${JSON.stringify(v)}`);
    return none;
  }
  const out: Record<keyof CustomTimeoutSeconds, number> = { ...none };
  for (const key of Object.keys(none) as (keyof CustomTimeoutSeconds)[]) {
    const seconds = (v as Record<string, unknown>)[key];
    if (seconds === undefined) continue;
    if (typeof seconds === "number" && Number.isFinite(seconds)) out[key] = seconds;
    else {
      problems.push(
        `${at}.customTimeouts.${key}: must be a number of seconds, got ${JSON.stringify(seconds)}`,
      );
    }
  }
  return out;
}

/**
 * The options an exported resource records; `at` is its JSON path, for problems. `dependsOn` is
 * what the dependencies hold beyond the property dependencies, as for a plan.
 */
export function optionsFromExport(
  r: Record<string, unknown>,
  links: Pick<RecordedResource, "dependencies" | "propertyDependencies" | "provider">,
  at: string,
  problems: Problems,
): ResourceOptions {
  const byInput = new Set(Object.values(links.propertyDependencies).flat());
  return {
    protect: bool(r, "protect", at, problems),
    retainOnDelete: bool(r, "retainOnDelete", at, problems),
    ignoreChanges: strings(r, "ignoreChanges", at, problems),
    dependsOn: links.dependencies.filter((u) => !byInput.has(u)),
    ...(links.provider !== undefined ? { provider: links.provider } : {}),
    aliases: strings(r, "aliases", at, problems),
    customTimeouts: timeouts(r, at, problems),
    additionalSecretOutputs: strings(r, "additionalSecretOutputs", at, problems),
    replaceOnChanges: strings(r, "replaceOnChanges", at, problems),
  };
}
