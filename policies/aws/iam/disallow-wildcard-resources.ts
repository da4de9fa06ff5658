import { resourcePolicy } from "../../lib/define";
import { checkStatements, quoteAll } from "../../lib/aws/document-rule";
import { isAnyResource } from "../../lib/aws/arn-patterns";
import { isStarOnlyAction } from "../../lib/aws/star-only-actions";
import { IDENTITY_DOCUMENT_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

/**
 * Identity policies allow `Resource: "*"` (or an ARN pattern that matches what `*` matches, such as
 * `arn:aws:sqs:*:*:*`) only for actions AWS accepts on nothing else; action globs are expanded
 * against AWS's action catalogue.
 */
export const awsIamPolicyDocumentDisallowWildcardResources = resourcePolicy(
  {
    name: "aws-iam-policydocument-disallow-wildcard-resources",
    description:
      'Identity policies must name their resources; `Resource: "*"` is allowed only for actions AWS accepts on nothing else.',
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps:
      'Replace "*" (or an ARN of any account such as `arn:aws:sqs:*:*:*`) with the ARNs of the queues, topics, functions, keys or log groups the principal uses. Only actions for which the AWS Service Authorization Reference lists no resource type (e.g. `xray:PutTraceSegments`, `sts:GetCallerIdentity`) may keep "*"; a glob such as `ec2:Describe*` may keep it only when every action it matches is one of them.',
    checkovId: "CKV_AWS_355",
    cdkNagId: "AwsSolutions-IAM5",
  },
  {
    types: IDENTITY_DOCUMENT_TYPES,
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["identity"], (s) => {
        if (s.effect !== "Allow") return undefined;
        const any = (s.resources ?? []).filter(isAnyResource);
        if (any.length === 0) return undefined;
        const scoped = (s.actions ?? []).filter((a) => !isStarOnlyAction(a));
        return scoped.length > 0
          ? `Resource must name specific ARNs for ${quoteAll(scoped)}, got ${quoteAll(any)}.`
          : undefined;
      }),
  },
);
