import { resourcePolicy } from "../../lib/define";
import { expandAction } from "../../lib/aws/action-catalogue";
import { checkStatements } from "../../lib/aws/document-rule";
import type { Statement } from "../../lib/aws/iam-document";
import { ROLE_TYPE, documentPropsSchema } from "../../lib/aws/policy-documents";

/**
 * Operators that pin a claim: equality, or a `StringLike` pattern (`ForAnyValue:` allowed;
 * `IfExists` and `ForAllValues:` are true when the claim is absent, so they pin nothing).
 */
const PINNING_OPERATOR = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike)$/;

/** The OIDC provider host of a `Federated` principal (an ARN `…:oidc-provider/<host>` or a host). */
function providerHost(federated: string): string | undefined {
  const arn = /^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(federated);
  if (arn?.[1] !== undefined) return arn[1].toLowerCase();
  // A SAML provider (`…:saml-provider/<name>`) is the account's own identity provider, created in
  // the account from that IdP's metadata: the principal already names who may assume the role. An
  // OIDC provider is shared (token.actions.githubusercontent.com serves every GitHub repository),
  // which is why only OIDC trusts need a subject pinned.
  if (federated.startsWith("arn:")) return undefined;
  return federated.toLowerCase();
}

/**
 * The claim that names who may assume the role: Cognito identity pools pin their pool with `aud`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html); every other OIDC
 * provider with `sub` (IAM User Guide, "Create a role for OpenID Connect federation",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html).
 */
function subjectClaim(host: string): string {
  return host === "cognito-identity.amazonaws.com" ? `${host}:aud` : `${host}:sub`;
}

/**
 * True when a claim value names an owner: it does not start with a wildcard, a GitHub Actions
 * subject names its owner (`repo:<owner>/…`, GitHub Docs "About security hardening with OpenID
 * Connect", https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims) and
 * an EKS service-account subject its namespace (`system:serviceaccount:<namespace>:<name>`,
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
export function pinsSubject(value: string): boolean {
  if (value === "" || /^[*?]/.test(value)) return false;
  const github = /^repo:([^/]*)/.exec(value);
  if (github !== null) return !/[*?]/.test(github[1] ?? "") && (github[1] ?? "") !== "";
  const eks = /^system:serviceaccount:([^:]*)/.exec(value);
  if (eks !== null) return !/[*?]/.test(eks[1] ?? "") && (eks[1] ?? "") !== "";
  return true;
}

function grantsWebIdentity(statement: Statement): boolean {
  return (statement.actions ?? []).some((a) =>
    expandAction(a).actions.some((x) => x.name.toLowerCase() === "sts:assumerolewithwebidentity"),
  );
}

/** True when a condition pins `claim` with values that each name an owner. */
function pinsClaim(statement: Statement, claim: string): boolean {
  return Object.entries(statement.conditions).some(
    ([op, keys]) =>
      PINNING_OPERATOR.test(op) &&
      Object.entries(keys).some(
        ([key, values]) =>
          key.toLowerCase() === claim && values.length > 0 && values.every(pinsSubject),
      ),
  );
}

/** Roles federated identities assume through OIDC pin who may assume them. */
export const awsIamRoleMissingFederatedSubject = resourcePolicy(
  {
    name: "aws-iam-role-missing-federated-subject",
    description:
      "Trust policies that let an OIDC identity assume a role must pin who may assume it with a `sub` condition (`aud` for Cognito identity pools) naming an owner, not a wildcard.",
    severity: "critical",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "federation"],
    remediationSteps:
      'Add `"StringEquals": { "<provider>:sub": "repo:<owner>/<repo>:environment:<env>" }` (GitHub Actions), `"system:serviceaccount:<namespace>:<name>"` (EKS), or `"cognito-identity.amazonaws.com:aud": "<pool id>"` (Cognito) to the statement that allows `sts:AssumeRoleWithWebIdentity`.',
    checkovId: "CKV_AWS_358",
  },
  {
    types: [ROLE_TYPE],
    schema: documentPropsSchema,
    check: (props, ctx) =>
      checkStatements(props, ctx, ["trust"], (s) => {
        if (s.effect !== "Allow" || s.principal === undefined || s.principal === "*")
          return undefined;
        if (!grantsWebIdentity(s)) return undefined;
        const federated = Object.entries(s.principal)
          .filter(([kind]) => kind.toLowerCase() === "federated")
          .flatMap(([, values]) => values);
        const unpinned = federated
          .map(providerHost)
          .filter((h): h is string => h !== undefined)
          .map(subjectClaim)
          .filter((claim) => !pinsClaim(s, claim));
        return unpinned.length > 0
          ? `a web-identity trust must pin who may assume the role with a condition on ${unpinned.map((c) => JSON.stringify(c)).join(", ")} naming an owner, got ${JSON.stringify(s.conditions)}.`
          : undefined;
      }),
  },
);
