import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isSet } from "../../lib/values";

/** Every SNS topic is encrypted at rest with KMS. */
export const awsSnsTopicEnableEncryption = resourcePolicy(
  {
    name: "aws-sns-topic-enable-encryption",
    description: "SNS topics must be encrypted at rest with a KMS key.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "sns", "encryption", "data-protection"],
    remediationSteps:
      "Set `kmsMasterKeyId` to a KMS key; for topics that CloudWatch alarms publish to, use a customer-managed key whose policy lets `cloudwatch.amazonaws.com` use it.",
    checkovId: "CKV_AWS_26",
    cdkNagId: "AwsSolutions-SNS2",
  },
  {
    types: ["aws:sns/topic:Topic"],
    schema: z.looseObject({ kmsMasterKeyId: field(z.string()) }),
    check: (props, ctx) => {
      if (!isSet(props.kmsMasterKeyId)) {
        ctx.report("kmsMasterKeyId must name a KMS key, got none.");
      }
    },
  },
);
