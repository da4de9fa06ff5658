import { z } from "zod";
import { pinsOwner } from "../../lib/aws/arn-patterns";
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
    schema: z.looseObject({
      principal: field(z.string()),
      sourceArn: field(z.string()),
      sourceAccount: field(z.string()),
    }),
    check: (props, ctx) => {
      const principal = props.principal;
      if (typeof principal !== "string" || isUnknown(principal)) return;
      if (!/\.amazonaws\.com(\.cn)?$/.test(principal)) return;
      if (!isSet(props.sourceArn)) {
        ctx.report(
          `sourceArn must name the invoking resource when the principal is the service ${JSON.stringify(principal)}, got none.`,
        );
        return;
      }
      // Lambda evaluates sourceArn as an ArnLike condition: a pattern of any account names no
      // source (AddPermission, https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html).
      const arn = props.sourceArn;
      if (
        typeof arn === "string" &&
        !isUnknown(arn) &&
        !pinsOwner(arn) &&
        !isSet(props.sourceAccount)
      ) {
        ctx.report(
          `sourceArn must name the invoking resource of one account when the principal is the service ${JSON.stringify(principal)}, got the pattern ${JSON.stringify(arn)}.`,
        );
      }
    },
  },
);
