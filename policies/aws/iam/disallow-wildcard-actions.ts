import { resourcePolicy } from "../../lib/define";
import { checkStatements, quoteAll } from "../../lib/aws/document-rule";
import { isWildcardAction, type Principal } from "../../lib/aws/iam-document";
import { DOCUMENT_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

const KEY_POLICY_TYPES = DOCUMENT_TYPES.filter((t) => t.startsWith("aws:kms/"));

/** True when a principal is only account roots (`arn:aws:iam::<account>:root`). */
function isAccountRootOnly(principal: Principal | undefined): boolean {
  if (principal === undefined || principal === "*") return false;
  const entries = Object.entries(principal);
  return (
    entries.length > 0 &&
    entries.every(
      ([kind, values]) =>
        kind === "AWS" && values.every((v) => /^arn:aws[\w-]*:iam::\d{12}:root$/.test(v)),
    )
  );
}

/** No policy document allows `*` or `service:*` actions. */
export const awsIamPolicyDocumentDisallowWildcardActions = resourcePolicy(
  {
    name: "aws-iam-policydocument-disallow-wildcard-actions",
    description:
      "Policy documents must not allow every action (`*`) or every action of a service (`service:*`).",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps:
      "List the exact actions the principal needs (e.g. `sqs:SendMessage`) in each Allow statement instead of `*` or `service:*`.",
    checkovId: "CKV_AWS_63",
    cdkNagId: "AwsSolutions-IAM5",
  },
  {
    types: DOCUMENT_TYPES,
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["identity", "resource", "trust"], (s) => {
        if (s.effect !== "Allow") return undefined;
        // A key policy's `kms:*` for the account root delegates the key to IAM (AWS's default).
        if (KEY_POLICY_TYPES.includes(ctx.type) && isAccountRootOnly(s.principal)) return undefined;
        const wild = (s.actions ?? []).filter(isWildcardAction);
        return wild.length > 0
          ? `Allow statements must list specific actions, got ${quoteAll(wild)}.`
          : undefined;
      }),
  },
);
