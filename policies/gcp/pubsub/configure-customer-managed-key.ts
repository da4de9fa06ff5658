import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS } from "../../lib/encryption";
import { field, isSet } from "../../lib/values";

/** Pub/Sub topics are encrypted with a customer-managed Cloud KMS key. */
export const gcpPubsubTopicConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "gcp-pubsub-topic-configure-customer-managed-key",
    description: "Pub/Sub topics must be encrypted with a customer-managed Cloud KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", ...CMK_TAGS],
    remediationSteps:
      "Create a `gcp.kms.CryptoKey` (rotation ≤ 90 days), grant the Pub/Sub service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it, and set the topic's `kmsKeyName`.",
    checkovId: "CKV_GCP_83",
  },
  {
    types: ["gcp:pubsub/topic:Topic"],
    schema: z.looseObject({ kmsKeyName: field(z.string()) }),
    check: (props, ctx) => {
      if (!isSet(props.kmsKeyName)) {
        ctx.report("kmsKeyName must name a customer-managed Cloud KMS key, got none.");
      }
    },
  },
);
