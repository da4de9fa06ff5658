/**
 * The rule every AWS customer-managed-key policy applies: one property must name a KMS key the
 * customer manages — not unset, and not an AWS managed `alias/aws/…` key.
 */
import { z } from "zod";
import type { ResourceRule } from "../define";
import { isCustomerManagedKey } from "../encryption";
import { field, isSet, isUnknown } from "../values";

/** Builds the rule for `property` of `types` (e.g. `kmsMasterKeyId` of SQS queues). */
export function customerManagedKeyRule(
  types: readonly string[],
  property: string,
): ResourceRule<z.ZodType<Record<string, unknown>>> {
  return {
    types,
    schema: z.looseObject({ [property]: field(z.string()) }),
    check: (props, ctx) => {
      const key = props[property];
      if (!isSet(key)) {
        ctx.report(`${property} must name a customer-managed KMS key, got none.`);
      } else if (typeof key === "string" && !isUnknown(key) && !isCustomerManagedKey(key)) {
        ctx.report(
          `${property} must name a customer-managed KMS key, got the AWS managed key ${JSON.stringify(key)}.`,
        );
      }
    },
  };
}
