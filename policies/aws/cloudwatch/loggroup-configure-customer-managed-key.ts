import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS, isCustomerManagedKey } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

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
  {
    types: ["aws:cloudwatch/logGroup:LogGroup"],
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
