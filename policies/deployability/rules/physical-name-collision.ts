/**
 * Two resources of one stack that would get the same cloud identity (same type, same physical
 * name, same scope): the second create fails with "already exists" — or, for APIs that upsert
 * (CloudWatch alarms, queue policies), silently overwrites the first.
 */
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { AWS_IDENTITIES } from "../identity-aws";
import { GCP_IDENTITIES } from "../identity-gcp";
import type { DeployabilityFinding, DeployabilityRule } from "../rule";
import { propertiesOf, providerOf, quote, stringAt } from "../values";

const NAME = "deployability-physical-name-collision";

/** The identity key of `r` (scope + type + name), or undefined when the cloud names it itself. */
export function identityOf(
  r: RecordedResource,
  byUrn: ReadonlyMap<string, RecordedResource>,
): { key: string; display: string } | undefined {
  const props = propertiesOf(r);
  const provider = providerOf(r, byUrn);
  const row = AWS_IDENTITIES[r.type] ?? GCP_IDENTITIES[r.type];
  if (row === undefined) return undefined;
  const parts: string[] = [];
  for (const spec of row.nameProperties) {
    const optional = spec.endsWith("?");
    const value = stringAt(props, optional ? spec.slice(0, -1) : spec);
    if (value === undefined && !optional) return undefined; // auto-named: the engine adds a suffix
    parts.push(value ?? "");
  }
  const name = parts.join("/");
  let scope: string;
  if (r.type.startsWith("aws:")) {
    const region = provider ? stringAt(provider.inputs, "region") : undefined;
    scope =
      row.scope === "account"
        ? "account"
        : `region ${region ?? (provider ? provider.urn : "of the default provider")}`;
  } else {
    const project =
      stringAt(props, "project") ??
      (provider ? stringAt(provider.inputs, "project") : undefined) ??
      "of the default provider";
    const gcpRow = GCP_IDENTITIES[r.type];
    const location =
      gcpRow?.scope === "location" && gcpRow.locationProperty !== undefined
        ? (stringAt(props, gcpRow.locationProperty) ??
          (provider ? stringAt(provider.inputs, "region") : undefined) ??
          "default")
        : undefined;
    scope = `project ${project}${location !== undefined ? `, location ${location}` : ""}`;
  }
  return { key: `${r.type}\0${scope}\0${name}`, display: `${quote(name)} (${scope})` };
}

export const physicalNameCollision: DeployabilityRule = {
  meta: {
    name: NAME,
    description:
      "No two resources of a stack may get the same cloud identity (type, physical name and scope).",
    remediationSteps:
      "Rename one of the two resources (for eventstack consumers: choose a consumer name the platform does not use for itself), or let the provider auto-name it.",
    sources: [
      "policies/deployability/identity-aws.ts (one API reference per type)",
      "policies/deployability/identity-gcp.ts (one API reference per type)",
    ],
    appliesTo: ["plan", "state"],
  },
  check(resources) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const first = new Map<string, RecordedResource>();
    const findings: DeployabilityFinding[] = [];
    for (const r of resources) {
      if (!r.custom) continue;
      const id = identityOf(r, byUrn);
      if (id === undefined) continue;
      const earlier = first.get(id.key);
      if (earlier === undefined) {
        first.set(id.key, r);
        continue;
      }
      findings.push({
        rule: NAME,
        urn: r.urn,
        related: [earlier.urn],
        message:
          `${r.type} ${id.display} is also the identity of ${earlier.urn}; ` +
          `the cloud keeps one object per name, so the second create fails (or overwrites the first). ` +
          `Give one of them another name.`,
      });
    }
    return findings;
  },
};
