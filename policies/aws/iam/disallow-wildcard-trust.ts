import { resourcePolicy } from "../../lib/define";
import { checkStatements } from "../../lib/aws/document-rule";
import { allowsAnyPrincipal, describePrincipal } from "../../lib/aws/iam-document";
import { ROLE_TYPE, documentPropsSchema } from "../../lib/aws/policy-documents";

/** No role can be assumed by any principal. */
export const awsIamRoleDisallowWildcardTrust = resourcePolicy(
  {
    name: "aws-iam-role-disallow-wildcard-trust",
    description:
      "Role trust policies must not allow a wildcard principal (or everyone but a `NotPrincipal`) to assume the role.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps:
      'Name the service (e.g. `{ "Service": "lambda.amazonaws.com" }`) or the account/role ARNs that may assume the role in `assumeRolePolicy`.',
    checkovId: "CKV_AWS_60",
  },
  {
    types: [ROLE_TYPE],
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["trust"], (s) =>
        allowsAnyPrincipal(s)
          ? `the principal allowed to assume the role must be specific, got ${describePrincipal(s)}.`
          : undefined,
      ),
  },
);
