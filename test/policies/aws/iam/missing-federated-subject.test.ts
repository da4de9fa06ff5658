import assert from "node:assert/strict";
import { awsIamRoleMissingFederatedSubject as P } from "../../../../policies/aws/iam/missing-federated-subject";
import { edit, findings, open, res } from "../../support/policy-test";

const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const trust = (condition: unknown, extra: Record<string, unknown> = {}) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: GITHUB },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: condition,
      ...extra,
    },
  ],
});
const pinned = {
  StringEquals: {
    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
    "token.actions.githubusercontent.com:sub": "repo:acme/orders:environment:prod",
  },
};
const baseline = () =>
  res("aws:iam/role:Role", "deploy", { assumeRolePolicy: JSON.stringify(trust(pinned)) });

describe("aws-iam-role-missing-federated-subject", () => {
  it("Compliance 1: GitHub OIDC trust pinned to one repository's environment", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: StringLike on every branch of one repository (object document)", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: trust({
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/orders:*" },
      }),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 3: a service trust is not a federated one", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify({
        Statement: {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      }),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: only the audience is checked (any repository can assume the role)", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify(
        trust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }),
      ),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'deploy: assumeRolePolicy statement 1: a web-identity trust must pin who may assume the role with a condition on "token.actions.githubusercontent.com:sub" naming an owner, got {"StringEquals":{"token.actions.githubusercontent.com:aud":["sts.amazonaws.com"]}}.',
    ]);
  });

  it("Noncompliance 2: `repo:*` names no owner", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify(
        trust({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } }),
      ),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: an action glob (`sts:AssumeRole*`) and a StringLike `*` subject", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify(
        trust(
          { StringLike: { "token.actions.githubusercontent.com:sub": "*" } },
          { Action: ["sts:AssumeRole*"] },
        ),
      ),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 4: an EKS subject for every namespace", async () => {
    const eks =
      "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: eks },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringLike: {
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:*:*",
              },
            },
          },
        ],
      }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 5: IfExists pins nothing (true when the claim is absent)", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify(
        trust({
          StringEqualsIfExists: {
            "token.actions.githubusercontent.com:sub": "repo:acme/orders:environment:prod",
          },
        }),
      ),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 6: a Cognito identity pool trust without its `aud`", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify({
        Statement: {
          Effect: "Allow",
          Principal: { Federated: "cognito-identity.amazonaws.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
          },
        },
      }),
    });
    assert.match(open(await findings(P, r))[0] ?? "", /"cognito-identity.amazonaws.com:aud"/);
  });
});
