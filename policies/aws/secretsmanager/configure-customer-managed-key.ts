import { resourcePolicy } from "../../lib/define";
import { customerManagedKeyRule } from "../../lib/aws/customer-managed-key-rule";
import { CMK_TAGS } from "../../lib/encryption";

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
  customerManagedKeyRule(["aws:secretsmanager/secret:Secret"], "kmsKeyId"),
);
