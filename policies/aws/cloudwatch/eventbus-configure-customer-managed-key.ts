import { resourcePolicy } from "../../lib/define";
import { customerManagedKeyRule } from "../../lib/aws/customer-managed-key-rule";
import { CMK_TAGS } from "../../lib/encryption";

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
  customerManagedKeyRule(["aws:cloudwatch/eventBus:EventBus"], "kmsKeyIdentifier"),
);
