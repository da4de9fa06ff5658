import { resourcePolicy } from "../../lib/define";
import { customerManagedKeyRule } from "../../lib/aws/customer-managed-key-rule";
import { CMK_TAGS } from "../../lib/encryption";

/** SNS topics use a customer-managed KMS key where the environment requires it. */
export const awsSnsTopicConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "aws-sns-topic-configure-customer-managed-key",
    description: "SNS topics must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "sns", ...CMK_TAGS],
    remediationSteps:
      "Create an `aws.kms.Key` with rotation enabled and set the topic's `kmsMasterKeyId` to its ARN.",
  },
  customerManagedKeyRule(["aws:sns/topic:Topic"], "kmsMasterKeyId"),
);
