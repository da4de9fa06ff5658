import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isSet, isUnknown } from "../../lib/values";

const EVENT_PERMISSION = "aws:cloudwatch/eventPermission:EventPermission";
const LAYER_PERMISSION = "aws:lambda/layerVersionPermission:LayerVersionPermission";

/**
 * Statement-shaped permissions that name their principal as a plain field: an EventBridge bus
 * permission (`principal` an account id or `*`, optionally limited by `condition` on
 * `aws:PrincipalOrgID`; EventBridge `PutPermission` API,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html) and a Lambda
 * layer permission (`principal` an account id or `*`, limited by `organizationId`;
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html).
 */
export const awsCloudwatchEventPermissionDisallowPublicPrincipal = resourcePolicy(
  {
    name: "aws-cloudwatch-eventpermission-disallow-public-principal",
    description:
      "EventBridge bus permissions and Lambda layer permissions must not grant `*` unless limited to an organization.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "eventbridge", "lambda", "security", "public-access"],
    remediationSteps:
      'Set `principal` to the account id that sends events (or uses the layer), or keep `*` with `condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-…" }` (bus) / `organizationId` (layer).',
  },
  {
    types: [EVENT_PERMISSION, LAYER_PERMISSION],
    schema: z.looseObject({
      principal: field(z.string()),
      organizationId: field(z.string()),
      condition: field(
        z.looseObject({
          key: field(z.string()),
          type: field(z.string()),
          value: field(z.string()),
        }),
      ),
    }),
    check: (props, ctx) => {
      if (props.principal !== "*") return;
      if (ctx.type === LAYER_PERMISSION) {
        if (!isSet(props.organizationId)) {
          ctx.report(`principal must be an account id, or "*" limited by organizationId, got "*".`);
        }
        return;
      }
      const c = props.condition;
      if (isUnknown(c)) return;
      // PutPermission's condition accepts only key aws:PrincipalOrgID with type StringEquals.
      const orgScoped =
        c !== undefined &&
        c !== null &&
        typeof c === "object" &&
        (isUnknown(c.value) || (typeof c.value === "string" && /^o-[a-z0-9]+$/.test(c.value)));
      if (!orgScoped) {
        ctx.report(
          `principal must be an account id, or "*" limited by a condition on aws:PrincipalOrgID naming an organization, got "*" with condition ${JSON.stringify(c ?? null)}.`,
        );
      }
    },
  },
);
