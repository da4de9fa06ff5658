import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field } from "../../lib/values";

/** No Lambda permission lets anyone invoke the function. */
export const awsLambdaPermissionDisallowPublicPrincipal = resourcePolicy(
  {
    name: "aws-lambda-permission-disallow-public-principal",
    description: "Lambda permissions must not grant invocation to the wildcard principal `*`.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "lambda", "security", "public-access"],
    remediationSteps:
      "Set `principal` to the service (e.g. `events.amazonaws.com`) or account that invokes the function, with `sourceArn`.",
    checkovId: "CKV_AWS_301",
  },
  {
    types: ["aws:lambda/permission:Permission"],
    schema: z.looseObject({ principal: field(z.string()) }),
    check: (props, ctx) => {
      if (props.principal === "*") {
        ctx.report(`principal must be a specific service or account, got "*".`);
      }
    },
  },
);
