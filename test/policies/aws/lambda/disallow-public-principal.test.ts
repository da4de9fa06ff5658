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
      'invoke: principal must be a specific service or account, or "*" scoped by principalOrgId or sourceAccount, got "*".',
    ]);
  });

  it("Compliance 2: `*` scoped to the organisation with principalOrgId", async () => {
    const r = edit(baseline(), { principal: "*", principalOrgId: "o-a1b2c3d4e5" });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 3: `*` scoped to one account with sourceAccount", async () => {
    const r = edit(baseline(), { principal: "*", sourceAccount: "123456789012" });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 2: `*` on a function URL without authentication, even with principalOrgId", async () => {
    const r = edit(baseline(), {
      action: "lambda:InvokeFunctionUrl",
      principal: "*",
      principalOrgId: "o-a1b2c3d4e5",
      functionUrlAuthType: "NONE",
    });
    assert.deepEqual(open(await findings(P, r)), [
      'invoke: principal must be a specific service or account, got "*" for a function URL without authentication.',
    ]);
  });
});
