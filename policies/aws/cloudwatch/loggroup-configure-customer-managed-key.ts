import { resourcePolicy } from "../../lib/define";
import { customerManagedKeyRule } from "../../lib/aws/customer-managed-key-rule";
import { CMK_TAGS } from "../../lib/encryption";

/** CloudWatch log groups must be encrypted with a customer-managed KMS key. */
export const awsCloudwatchLogGroupConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "aws-cloudwatch-loggroup-configure-customer-managed-key",
    description: "CloudWatch log groups must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "cloudwatch", ...CMK_TAGS],
    remediationSteps:
      "Create an `aws.kms.Key` whose policy lets `logs.<region>.amazonaws.com` use it and set the log group's `kmsKeyId` to its ARN.",
    checkovId: "CKV_AWS_158",
  },
  customerManagedKeyRule(["aws:cloudwatch/logGroup:LogGroup"], "kmsKeyId"),
);
