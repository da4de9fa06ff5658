import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** Rotation at least every 90 days. */
export const MAX_ROTATION_SECONDS = 90 * 24 * 60 * 60;

/** Parses a protobuf duration such as "7776000s" (or "7776000.5s") into seconds. */
export function durationSeconds(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Symmetric Cloud KMS keys rotate at least every 90 days. */
export const gcpKmsCryptoKeyConfigureRotationPeriod = resourcePolicy(
  {
    name: "gcp-kms-cryptokey-configure-rotation-period",
    description: "Cloud KMS encryption keys must rotate automatically at least every 90 days.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "kms", "encryption", "key-management"],
    remediationSteps: `Set \`rotationPeriod\` to at most "${MAX_ROTATION_SECONDS}s" (90 days).`,
    checkovId: "CKV_GCP_43",
  },
  {
    types: ["gcp:kms/cryptoKey:CryptoKey"],
    schema: z.looseObject({ rotationPeriod: field(z.string()), purpose: field(z.string()) }),
    check: (props, ctx) => {
      // Only symmetric encryption keys support automatic rotation.
      if (typeof props.purpose === "string" && props.purpose !== "ENCRYPT_DECRYPT") return;
      const period = props.rotationPeriod;
      if (typeof period === "string" && isUnknown(period)) return;
      const seconds = typeof period === "string" ? durationSeconds(period) : undefined;
      if (period === undefined || period === null || period === "") {
        ctx.report(
          `rotationPeriod must be at most "${MAX_ROTATION_SECONDS}s" (90 days), got none.`,
        );
      } else if (seconds === undefined || seconds > MAX_ROTATION_SECONDS) {
        ctx.report(
          `rotationPeriod must be at most "${MAX_ROTATION_SECONDS}s" (90 days), got ${JSON.stringify(period)}.`,
        );
      }
    },
  },
);
