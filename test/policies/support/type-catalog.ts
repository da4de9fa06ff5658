/**
 * The per-rule list of the resource types each policy covers (docs/policies.md), rendered from the pack
 * itself; a type family given as a pattern is counted against the installed provider SDK.
 */
import { join } from "node:path";
import type { PackPolicy } from "../../../policies/lib/define";
import { PROJECT_DIR } from "../../support/plan";
import { sdkTypes } from "./sdk-types";

export const TYPES_START = "<!-- policy-types:start -->";
export const TYPES_END = "<!-- policy-types:end -->";

let tokens: string[] | undefined;
function providerTokens(): string[] {
  tokens ??= ["aws", "gcp"].flatMap((pkg) =>
    sdkTypes(join(PROJECT_DIR, "node_modules/@pulumi", pkg)).map((t) => t.token),
  );
  return tokens;
}

function short(token: string): string {
  // `aws:sqs/queuePolicy:QueuePolicy` → `aws:sqs/queuePolicy`
  return token.slice(0, token.lastIndexOf(":"));
}

/** One line per policy: its name, then the types it covers. */
export function renderTypeCatalog(policies: readonly PackPolicy[]): string {
  const lines = policies.map((p) => {
    if (p.types instanceof RegExp) {
      const re = p.types;
      const matched = providerTokens().filter((t) => re.test(t));
      const named = matched.filter((t) => !/iam(member|binding|policy):/i.test(t)).map(short);
      const grants = matched.length - named.length;
      const parts = [
        ...(grants > 0 ? [`${grants} IAM member/binding/policy types (\`${re.source}\`)`] : []),
        ...named.map((t) => `\`${t}\``),
      ];
      return `- \`${p.meta.name}\`: ${parts.join(", ")}`;
    }
    return `- \`${p.meta.name}\`: ${p.types.map((t) => `\`${short(t)}\``).join(", ")}`;
  });
  // Blank lines around the list, as Prettier keeps them after an HTML comment.
  return [TYPES_START, "", ...lines, "", TYPES_END].join("\n");
}
