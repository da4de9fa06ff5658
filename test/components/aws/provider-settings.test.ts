import assert from "node:assert/strict";
import {
  accountGuardProblem,
  awsProviderSettings,
} from "../../../components/aws/provider-settings";
import { json, plan } from "../../support/plan";
import { ACCOUNT, T, inputs } from "./plan-helpers";

describe("aws provider settings", () => {
  it("Compliance 1: passes the stack's profile, assumed roles and account lists to the explicit provider", () => {
    assert.deepEqual(
      awsProviderSettings({
        "aws:region": "eu-west-1",
        "aws:profile": "prod-deployer",
        "aws:assumeRoles": json([{ roleArn: "arn:aws:iam::123456789012:role/deploy" }]),
        "aws:allowedAccountIds": json(["123456789012"]),
        "eventstack:cloud": "aws",
      }),
      {
        profile: "prod-deployer",
        assumeRoles: [{ roleArn: "arn:aws:iam::123456789012:role/deploy" }],
        allowedAccountIds: ["123456789012"],
      },
    );
  });

  it("Noncompliance 1: an account id that is not 12 digits names the key and the value", () => {
    assert.throws(
      () => awsProviderSettings({ "aws:allowedAccountIds": json(["1234"]) }),
      /aws:allowedAccountIds must be a 12-digit AWS account id at 0, got "\[\\"1234\\"\]"/,
    );
  });

  it("Noncompliance 2: aws:defaultTags is refused, the platform sets tags itself", () => {
    assert.throws(
      () => awsProviderSettings({ "aws:defaultTags": json({ tags: { a: "b" } }) }),
      /aws:defaultTags is not supported/,
    );
  });

  it("guards the account: allowed lists admit only their accounts, forbidden lists refuse theirs", () => {
    assert.equal(accountGuardProblem({ allowedAccountIds: [ACCOUNT] }, ACCOUNT), undefined);
    assert.match(
      accountGuardProblem({ allowedAccountIds: ["210987654321"] }, ACCOUNT) ?? "",
      /account 123456789012, which aws:allowedAccountIds \(210987654321\) does not allow/,
    );
    assert.match(accountGuardProblem({ forbiddenAccountIds: [ACCOUNT] }, ACCOUNT) ?? "", /forbids/);
  });

  // Before: the explicit provider got only region and tags, whatever the stack said.
  it("plans the prod provider with the stack's aws:* settings", async () => {
    const p = await plan("prod", {
      "aws:profile": "prod-deployer",
      "aws:allowedAccountIds": json([ACCOUNT]),
    });
    const provider = inputs(p, T.provider, "eventstack-aws");
    assert.equal(provider.profile, "prod-deployer");
    assert.equal(provider.allowedAccountIds, JSON.stringify([ACCOUNT]));
  });

  it("refuses to plan into an account the stack does not allow", async () => {
    await assert.rejects(
      plan("prod", { "aws:allowedAccountIds": json(["210987654321"]) }),
      /aws:allowedAccountIds \(210987654321\) does not allow/,
    );
  });
});
