import { resourcePolicy } from "../../lib/define";
import { customerManagedKeyRule } from "../../lib/aws/customer-managed-key-rule";
import { CMK_TAGS } from "../../lib/encryption";

/** Queues are encrypted with a customer-managed KMS key where the environment requires it. */
export const awsSqsQueueConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "aws-sqs-queue-configure-customer-managed-key",
    description: "SQS queues must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "sqs", ...CMK_TAGS],
    remediationSteps:
      "Create an `aws.kms.Key` with rotation enabled and set the queue's `kmsMasterKeyId` to its ARN.",
  },
  customerManagedKeyRule(["aws:sqs/queue:Queue"], "kmsMasterKeyId"),
);
