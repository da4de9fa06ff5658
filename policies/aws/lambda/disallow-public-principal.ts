import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isSet } from "../../lib/values";

/** No Lambda permission lets anyone invoke the function. */
export const awsLambdaPermissionDisallowPublicPrincipal = resourcePolicy(
  {
    name: "aws-lambda-permission-disallow-public-principal",
    description:
      "Lambda permissions must not grant invocation to the wildcard principal `*` unless scoped to an organisation or account, and never to an unauthenticated function URL.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "lambda", "security", "public-access"],
    remediationSteps:
      "Set `principal` to the service (e.g. `events.amazonaws.com`) or account that invokes the function, with `sourceArn`; a `*` principal needs `principalOrgId` or `sourceAccount`.",
    checkovId: "CKV_AWS_301",
  },
  {
    types: ["aws:lambda/permission:Permission"],
    schema: z.looseObject({
      principal: field(z.string()),
      principalOrgId: field(z.string()),
      sourceAccount: field(z.string()),
      functionUrlAuthType: field(z.string()),
    }),
    check: (props, ctx) => {
      if (props.principal !== "*") return;
      if (props.functionUrlAuthType === "NONE") {
        ctx.report(
          `principal must be a specific service or account, got "*" for a function URL without authentication.`,
        );
        return;
      }
      // AWS's documented way to grant a whole organisation or account: `*` plus a scoping condition.
      if (isSet(props.principalOrgId) || isSet(props.sourceAccount)) return;
      ctx.report(
        `principal must be a specific service or account, or "*" scoped by principalOrgId or sourceAccount, got "*".`,
      );
    },
  },
);
