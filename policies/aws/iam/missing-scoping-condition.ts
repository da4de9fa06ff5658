import { resourcePolicy } from "../../lib/define";
import { checkStatements } from "../../lib/aws/document-rule";
import {
  allowsAnyPrincipal,
  describePrincipal,
  scopingConditionKeys,
} from "../../lib/aws/iam-document";
import { RESOURCE_POLICY_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

/** Queue, topic, bus, key, secret and bucket policies open to `*` carry a scoping condition. */
export const awsIamResourcePolicyMissingScopingCondition = resourcePolicy(
  {
    name: "aws-iam-resourcepolicy-missing-scoping-condition",
    description:
      "Resource policies (queues, topics, event buses, keys, secrets, buckets) that allow a `*` principal (or use `NotPrincipal`) must scope it with a source or principal condition.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege", "public-access"],
    remediationSteps:
      'Name the principal (e.g. `{ "Service": "events.amazonaws.com" }`), or add a condition such as `"ArnEquals": { "aws:SourceArn": "<rule ARN>" }` or `"StringEquals": { "aws:SourceAccount": "<account>" }`.',
    checkovId: "CKV_AWS_168, CKV_AWS_169",
  },
  {
    types: RESOURCE_POLICY_TYPES,
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["resource"], (s) =>
        allowsAnyPrincipal(s) && scopingConditionKeys(s).length === 0
          ? `an Allow for principal ${describePrincipal(s)} must carry a condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or a similar key, got ${JSON.stringify(s.conditions)}.`
          : undefined,
      ),
  },
);
