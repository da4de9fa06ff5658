import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS, isCustomerManagedKey } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

/** Secrets Manager secrets must be encrypted with a customer-managed KMS key. */
export const awsSecretsManagerSecretConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "aws-secretsmanager-secret-configure-customer-managed-key",
    description: "Secrets Manager secrets must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "secretsmanager", ...CMK_TAGS],
    remediationSteps:
      "Create an `aws.kms.Key` with rotation enabled and set the secret's `kmsKeyId` to its ARN.",
    checkovId: "CKV_AWS_149",
  },
  {
    types: ["aws:secretsmanager/secret:Secret"],
    schema: z.looseObject({ kmsKeyId: field(z.string()) }),
    check: (props, ctx) => {
      const key = props.kmsKeyId;
      if (!isSet(key)) {
        ctx.report("kmsKeyId must name a customer-managed KMS key, got none.");
      } else if (typeof key === "string" && !isUnknown(key) && !isCustomerManagedKey(key)) {
        ctx.report(
          `kmsKeyId must name a customer-managed KMS key, got the AWS managed key ${JSON.stringify(key)}.`,
        );
      }
    },
  },
);
