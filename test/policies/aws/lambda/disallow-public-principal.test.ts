import assert from "node:assert/strict";
import { awsLambdaPermissionDisallowPublicPrincipal as P } from "../../../../policies/aws/lambda/disallow-public-principal";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:lambda/permission:Permission", "invoke", {
    action: "lambda:InvokeFunction",
    function: "orders",
    principal: "events.amazonaws.com",
    sourceArn: "arn:aws:events:eu-west-1:123456789012:rule/orders",
  });

describe("aws-lambda-permission-disallow-public-principal", () => {
  it("Compliance 1: service principal", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: principal `*`", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { principal: "*" }))), [
      'invoke: principal must be a specific service or account, got "*".',
    ]);
  });
});
