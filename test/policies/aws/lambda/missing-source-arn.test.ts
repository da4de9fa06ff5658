import assert from "node:assert/strict";
import { awsLambdaPermissionMissingSourceArn as P } from "../../../../policies/aws/lambda/missing-source-arn";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const baseline = () =>
  res("aws:lambda/permission:Permission", "invoke", {
    action: "lambda:InvokeFunction",
    function: "orders",
    principal: "events.amazonaws.com",
    sourceArn: "arn:aws:events:eu-west-1:123456789012:rule/bus/orders",
  });

describe("aws-lambda-permission-missing-source-arn", () => {
  it("Compliance 1: EventBridge permission scoped to its rule", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: source ARN not known yet during a preview", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { sourceArn: UNKNOWN }))), []);
  });

  it("Compliance 3: an account principal is out of scope", async () => {
    const r = edit(baseline(), { principal: "123456789012", sourceArn: undefined });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: service principal without sourceArn", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { sourceArn: undefined }))), [
      'invoke: sourceArn must name the invoking resource when the principal is the service "events.amazonaws.com", got none.',
    ]);
  });
});
