import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS, isCustomerManagedKey } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

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
  {
    types: ["aws:sns/topic:Topic"],
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
