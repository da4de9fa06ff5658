import assert from "node:assert/strict";
import { awsLambdaFunctionUrlDisallowAnonymousAccess as P } from "../../../../policies/aws/lambda/disallow-anonymous-url";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:lambda/functionUrl:FunctionUrl", "url", {
    functionName: "orders",
    authorizationType: "AWS_IAM",
  });

describe("aws-lambda-functionurl-disallow-anonymous-access", () => {
  it("Compliance 1: IAM-authenticated function URL", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: function URL without authentication", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { authorizationType: "NONE" }))), [
      'url: authorizationType must be "AWS_IAM", got "NONE".',
    ]);
  });
});
