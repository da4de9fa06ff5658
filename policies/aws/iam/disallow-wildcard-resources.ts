import { resourcePolicy } from "../../lib/define";
import { checkStatements, quoteAll } from "../../lib/aws/document-rule";
import { isStarOnlyAction, STAR_ONLY_ACTIONS } from "../../lib/aws/star-only-actions";
import { IDENTITY_DOCUMENT_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

/** Identity policies allow `Resource: "*"` only for actions AWS accepts on nothing else. */
export const awsIamPolicyDocumentDisallowWildcardResources = resourcePolicy(
  {
    name: "aws-iam-policydocument-disallow-wildcard-resources",
    description:
      'Identity policies must name their resources; `Resource: "*"` is allowed only for actions AWS accepts on nothing else.',
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps: `Replace "*" with the ARNs of the queues, topics, functions, keys or log groups the principal uses. Only these actions may keep "*": ${STAR_ONLY_ACTIONS.join(", ")}.`,
    checkovId: "CKV_AWS_355",
    cdkNagId: "AwsSolutions-IAM5",
  },
  {
    types: IDENTITY_DOCUMENT_TYPES,
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["identity"], (s) => {
        if (s.effect !== "Allow" || !(s.resources ?? []).includes("*")) return undefined;
        const scoped = (s.actions ?? []).filter((a) => !isStarOnlyAction(a));
        return scoped.length > 0
          ? `Resource must name specific ARNs for ${quoteAll(scoped)}, got "*".`
          : undefined;
      }),
  },
);
