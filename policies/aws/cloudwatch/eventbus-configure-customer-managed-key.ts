import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS, isCustomerManagedKey } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

/** EventBridge event buses must encrypt events with a customer-managed KMS key. */
export const awsCloudwatchEventBusConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "aws-cloudwatch-eventbus-configure-customer-managed-key",
    description: "EventBridge event buses must encrypt events with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "eventbridge", ...CMK_TAGS],
    remediationSteps:
      "Create an `aws.kms.Key` whose policy lets `events.amazonaws.com` use it and set the bus's `kmsKeyIdentifier` to its ARN.",
  },
  {
    types: ["aws:cloudwatch/eventBus:EventBus"],
    schema: z.looseObject({ kmsKeyIdentifier: field(z.string()) }),
    check: (props, ctx) => {
      const key = props.kmsKeyIdentifier;
      if (!isSet(key)) {
        ctx.report("kmsKeyIdentifier must name a customer-managed KMS key, got none.");
      } else if (typeof key === "string" && !isUnknown(key) && !isCustomerManagedKey(key)) {
        ctx.report(
          `kmsKeyIdentifier must name a customer-managed KMS key, got the AWS managed key ${JSON.stringify(key)}.`,
        );
      }
    },
  },
);
