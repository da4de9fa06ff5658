/**
 * Names, lengths, character sets and numeric ranges the clouds' APIs accept, from one table per
 * cloud (`limits-aws.ts`, `limits-gcp.ts`). A value outside them is refused at create/update time,
 * after everything planned before it was already deployed.
 */
import { violates, type LimitRow } from "../limit";
import { AWS_LIMITS } from "../limits-aws";
import { GCP_LIMITS } from "../limits-gcp";
import type { DeployabilityFinding, DeployabilityRule } from "../rule";
import { propertiesOf, valuesAt } from "../values";

const NAME = "deployability-resource-limits";

const BY_TYPE = new Map<string, LimitRow[]>();
for (const row of [...AWS_LIMITS, ...GCP_LIMITS]) {
  const list = BY_TYPE.get(row.type) ?? [];
  list.push(row);
  BY_TYPE.set(row.type, list);
}

/** Shortens an echoed value so a 10 000-character name does not flood the report. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…"` : text;
}

export const resourceLimits: DeployabilityRule = {
  meta: {
    name: NAME,
    description:
      "Every name, length, character set and numeric range is one the cloud's API accepts for that property.",
    remediationSteps:
      "Change the value (for eventstack: a shorter stack or consumer name, or a config value within the documented range) so the API accepts it.",
    sources: [
      "policies/deployability/limits-aws.ts (one AWS API reference per row)",
      "policies/deployability/limits-gcp.ts (one Google Cloud reference per row)",
    ],
    appliesTo: ["plan", "state"],
  },
  check(resources) {
    const findings: DeployabilityFinding[] = [];
    for (const r of resources) {
      const rows = BY_TYPE.get(r.type);
      if (rows === undefined) continue;
      const props = propertiesOf(r);
      for (const row of rows) {
        for (const value of valuesAt(props, row.property)) {
          const problem = violates(row.check, value);
          if (problem === undefined) continue;
          findings.push({
            rule: NAME,
            urn: r.urn,
            message: `${r.type} ${row.property} ${problem}: ${shown(value)} (${row.doc})`,
          });
        }
      }
    }
    return findings;
  },
};
