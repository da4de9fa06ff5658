import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field } from "../../lib/values";

/** Symmetric KMS keys rotate automatically. */
export const awsKmsKeyEnableRotation = resourcePolicy(
  {
    name: "aws-kms-key-enable-rotation",
    description: "Symmetric KMS keys must have automatic key rotation enabled.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "kms", "encryption", "key-management"],
    remediationSteps: "Set `enableKeyRotation: true` on the key.",
    checkovId: "CKV_AWS_7",
    cdkNagId: "AwsSolutions-KMS5",
  },
  {
    types: ["aws:kms/key:Key"],
    schema: z.looseObject({
      enableKeyRotation: field(z.boolean()),
      customerMasterKeySpec: field(z.string()),
      keySpec: field(z.string()),
    }),
    check: (props, ctx) => {
      const spec = props.keySpec ?? props.customerMasterKeySpec;
      // Only symmetric encryption keys can rotate automatically.
      if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") return;
      if (props.enableKeyRotation !== true) {
        ctx.report(
          `enableKeyRotation must be true, got ${JSON.stringify(props.enableKeyRotation ?? null)}.`,
        );
      }
    },
  },
);
