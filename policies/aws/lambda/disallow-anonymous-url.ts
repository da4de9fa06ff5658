import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field } from "../../lib/values";

/** No Lambda function URL without authentication. */
export const awsLambdaFunctionUrlDisallowAnonymousAccess = resourcePolicy(
  {
    name: "aws-lambda-functionurl-disallow-anonymous-access",
    description:
      "Lambda function URLs must require IAM authentication (`authorizationType: AWS_IAM`).",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "lambda", "security", "public-access"],
    remediationSteps:
      'Set `authorizationType` to "AWS_IAM" and grant `lambda:InvokeFunctionUrl` to the callers, or remove the function URL.',
    checkovId: "CKV_AWS_258",
  },
  {
    types: ["aws:lambda/functionUrl:FunctionUrl"],
    schema: z.looseObject({ authorizationType: field(z.string()) }),
    check: (props, ctx) => {
      if (props.authorizationType === "NONE") {
        ctx.report(`authorizationType must be "AWS_IAM", got "NONE".`);
      }
    },
  },
);
