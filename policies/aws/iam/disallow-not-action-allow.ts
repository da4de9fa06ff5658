import { resourcePolicy } from "../../lib/define";
import { checkStatements } from "../../lib/aws/document-rule";
import { DOCUMENT_TYPES, documentPropsSchema } from "../../lib/aws/policy-documents";

/** No Allow statement uses NotAction or NotResource (they grant everything not listed). */
export const awsIamPolicyDocumentDisallowNotActionAllow = resourcePolicy(
  {
    name: "aws-iam-policydocument-disallow-notaction-allow",
    description:
      "Allow statements must not use `NotAction` or `NotResource`, which grant everything not listed.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps:
      "Rewrite the statement as an Allow with an explicit `Action` and `Resource` list; keep `NotAction`/`NotResource` for Deny statements only.",
  },
  {
    types: DOCUMENT_TYPES,
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["identity", "resource", "trust"], (s) => {
        if (s.effect !== "Allow") return undefined;
        const used = [
          s.notActions ? `NotAction ${JSON.stringify(s.notActions)}` : undefined,
          s.notResources ? `NotResource ${JSON.stringify(s.notResources)}` : undefined,
        ].filter((x): x is string => x !== undefined);
        return used.length > 0
          ? `Allow statements must use Action and Resource, got ${used.join(" and ")}.`
          : undefined;
      }),
  },
);
