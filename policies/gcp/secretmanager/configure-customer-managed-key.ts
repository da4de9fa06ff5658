import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

const cmek = field(z.looseObject({ kmsKeyName: field(z.string()) }));

/** Secrets are encrypted with customer-managed Cloud KMS keys, in every replica. */
export const gcpSecretManagerSecretConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "gcp-secretmanager-secret-configure-customer-managed-key",
    description:
      "Secret Manager secrets must be encrypted with a customer-managed Cloud KMS key in every replica.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["gcp", "secretmanager", ...CMK_TAGS],
    remediationSteps:
      "Set `replication.auto.customerManagedEncryption.kmsKeyName` (or `kmsKeyName` on each user-managed replica) and grant the Secret Manager service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.",
  },
  {
    types: ["gcp:secretmanager/secret:Secret"],
    schema: z.looseObject({
      replication: field(
        z.looseObject({
          auto: field(z.looseObject({ customerManagedEncryption: cmek })),
          userManaged: field(
            z.looseObject({
              replicas: field(
                z.array(
                  z.looseObject({ location: field(z.string()), customerManagedEncryption: cmek }),
                ),
              ),
            }),
          ),
        }),
      ),
    }),
    check: (props, ctx) => {
      const rep = props.replication;
      if (isUnknown(rep)) return;
      const keyed = (c: unknown) =>
        isUnknown(c) ||
        (typeof c === "object" && c !== null && "kmsKeyName" in c && isSet(c.kmsKeyName));
      if (typeof rep === "object" && rep !== null) {
        if (isSet(rep.auto)) {
          if (
            isUnknown(rep.auto) ||
            (typeof rep.auto === "object" && keyed(rep.auto?.customerManagedEncryption))
          )
            return;
          ctx.report(
            "replication.auto.customerManagedEncryption.kmsKeyName must name a customer-managed key, got none.",
          );
          return;
        }
        const um = rep.userManaged;
        if (isUnknown(um)) return;
        const replicas = typeof um === "object" && um !== null ? um.replicas : undefined;
        if (isUnknown(replicas)) return;
        if (Array.isArray(replicas) && replicas.length > 0) {
          const bare = replicas.filter((r) => !keyed(r.customerManagedEncryption));
          if (bare.length === 0) return;
          ctx.report(
            `replication.userManaged.replicas must each set customerManagedEncryption.kmsKeyName, got none for ${bare.map((r) => JSON.stringify(r.location ?? "?")).join(", ")}.`,
          );
          return;
        }
      }
      ctx.report(
        "replication must set customerManagedEncryption.kmsKeyName, got Google-managed encryption.",
      );
    },
  },
);
