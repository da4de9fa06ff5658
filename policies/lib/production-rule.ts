/**
 * One shape for the rules only production must satisfy (backups, deletion protection): in a
 * production stack (see `./production.ts`), every resource of `type` has its properties parsed with
 * `schema` and judged; an unreadable one is reported as such. Outside production the rule finds
 * nothing.
 */
import type { z } from "zod";
import { stackPolicy, type PackPolicy, type PolicyMeta } from "./define";
import { isProductionStack } from "./production";

export interface ProductionRule<S extends z.ZodType> {
  /** The one resource type the rule judges. */
  readonly type: string;
  readonly schema: S;
  /** Reports what is wrong with one resource's parsed properties, if anything. */
  readonly judge: (props: z.infer<S>, report: (message: string) => void) => void;
}

export function productionPolicy<S extends z.ZodType>(
  meta: PolicyMeta,
  rule: ProductionRule<S>,
): PackPolicy {
  return stackPolicy(meta, {
    types: [rule.type],
    check: (resources, ctx) => {
      if (!isProductionStack(resources)) return;
      for (const r of resources) {
        if (r.type !== rule.type) continue;
        const parsed = rule.schema.safeParse(r.props);
        if (!parsed.success) {
          ctx.report("the properties must be readable to be judged.", r.urn);
          continue;
        }
        rule.judge(parsed.data, (message) => ctx.report(message, r.urn));
      }
    },
  });
}
