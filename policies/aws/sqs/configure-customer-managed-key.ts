import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS, isCustomerManagedKey } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

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
  {
    types: ["aws:sqs/queue:Queue"],
    schema: z.looseObject({ kmsMasterKeyId: field(z.string()) }),
    check: (props, ctx) => {
      const key = props.kmsMasterKeyId;
      if (!isSet(key)) {
        ctx.report("kmsMasterKeyId must name a customer-managed KMS key, got none.");
      } else if (typeof key === "string" && !isUnknown(key) && !isCustomerManagedKey(key)) {
        ctx.report(
          `kmsMasterKeyId must name a customer-managed KMS key, got the AWS managed key ${JSON.stringify(key)}.`,
        );
      }
    },
  },
);
