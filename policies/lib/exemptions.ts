/**
 * Exempting one resource from one policy, with a reason.
 *
 * Every policy accepts an `exemptions` list in the pack config file (the same file serves
 * `pulumi preview --policy-pack-config` and `npm run check --policy-config`):
 *
 * ```json
 * { "aws-sqs-queue-enable-encryption": {
 *     "exemptions": [{ "urn": "urn:pulumi:prod::shop::aws:sqs/queue:Queue::legacy",
 *                      "reason": "Holds only public catalog events; removal tracked in PLAT-42." }] } }
 * ```
 *
 * An exempted finding is still reported, marked as exempted with its reason, at advisory level, so
 * it never fails a preview, an update or the offline check.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";

/** A reason is at least a sentence: 20 characters and four words. */
export const REASON_MIN_LENGTH = 20;
const REASON_WORDS = /\S+\s+\S+\s+\S+\s+\S+/;

/**
 * The JSON schema Pulumi's CLI validates the pack config against (draft-04 subset that Go's
 * gojsonschema and the offline loader agree on; see test/policies/lib/exemptions.test.ts).
 */
export const EXEMPTIONS_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    exemptions: {
      type: "array",
      description:
        "Resources exempted from this policy: each names the resource's URN and why (a sentence).",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["urn", "reason"],
        properties: {
          urn: { type: "string", pattern: "^urn:pulumi:" },
          reason: {
            type: "string",
            minLength: REASON_MIN_LENGTH,
            pattern: REASON_WORDS.source,
          },
        },
      },
    },
  },
};

export const exemptionSchema = z.strictObject({
  urn: z.string().regex(/^urn:pulumi:/, "a full Pulumi URN starting with urn:pulumi:"),
  reason: z
    .string()
    .min(REASON_MIN_LENGTH, `at least a sentence (${REASON_MIN_LENGTH}+ characters)`)
    .regex(REASON_WORDS, "at least a sentence (four words or more)"),
});

export type Exemption = z.infer<typeof exemptionSchema>;

/** The policy-specific config properties every policy accepts. */
export const policyPropertiesSchema = z.looseObject({
  exemptions: z.array(exemptionSchema).optional(),
});

/** Finds the exemption covering `urn` in a policy's config (as `args.getConfig()` returns it). */
export function exemptionFor(config: unknown, urn: string | undefined): Exemption | undefined {
  if (urn === undefined) return undefined;
  const parsed = policyPropertiesSchema.safeParse(config);
  if (!parsed.success) {
    throw new Error(`invalid policy config: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
  }
  return parsed.data.exemptions?.find((e) => e.urn === urn);
}
