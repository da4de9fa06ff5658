import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isSet, isUnknown } from "../../lib/values";

/** Lambda permissions granted to an AWS service name the resource allowed to invoke. */
export const awsLambdaPermissionMissingSourceArn = resourcePolicy(
  {
    name: "aws-lambda-permission-missing-source-arn",
    description:
      "Lambda permissions granted to an AWS service principal must carry a `sourceArn` naming the one resource that may invoke the function.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "lambda", "iam", "security", "least-privilege"],
    remediationSteps:
      "Set `sourceArn` to the ARN of the EventBridge rule, SNS topic, bucket or API that invokes the function.",
    checkovId: "CKV_AWS_364",
  },
  {
    types: ["aws:lambda/permission:Permission"],
    schema: z.looseObject({ principal: field(z.string()), sourceArn: field(z.string()) }),
    check: (props, ctx) => {
      const principal = props.principal;
      if (typeof principal !== "string" || isUnknown(principal)) return;
      if (!/\.amazonaws\.com(\.cn)?$/.test(principal)) return;
      if (!isSet(props.sourceArn)) {
        ctx.report(
          `sourceArn must name the invoking resource when the principal is the service ${JSON.stringify(principal)}, got none.`,
        );
      }
    },
  },
);
