import assert from "node:assert/strict";
import { awsLambdaFunctionMissingFailureDestination as P } from "../../../../policies/aws/lambda/missing-failure-destination";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const DLQ = "arn:aws:sqs:eu-west-1:123456789012:orders-dlq";
const FN = "arn:aws:lambda:eu-west-1:123456789012:function:orders-fn";
const fn = (extra: Record<string, unknown> = {}) =>
  res(
    "aws:lambda/function:Function",
    "orders",
    { role: "r" },
    { outputs: { name: "orders-fn", arn: FN, ...extra } },
  );
const invokeConfig = (functionName: unknown, destination: unknown = DLQ) =>
  res("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "orders-async", {
    functionName,
    destinationConfig: { onFailure: { destination } },
  });

describe("aws-lambda-function-missing-failure-destination", () => {
  it("Compliance 1: function with a dead-letter queue", async () => {
    assert.deepEqual(open(await findings(P, fn({ deadLetterConfig: { targetArn: DLQ } }))), []);
  });

  it("Compliance 2: on-failure destination naming the function by name", async () => {
    assert.deepEqual(open(await findings(P, [fn(), invokeConfig("orders-fn")])), []);
  });

  it("Compliance 3: on-failure destination naming the function by qualified ARN", async () => {
    assert.deepEqual(open(await findings(P, [fn(), invokeConfig(`${FN}:$LATEST`)])), []);
  });

  it("Compliance 4: function name not known yet, linked by dependency (a preview)", async () => {
    const f = fn();
    const cfg = res(
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      "a",
      {
        functionName: UNKNOWN,
        destinationConfig: { onFailure: { destination: UNKNOWN } },
      },
      { deps: { functionName: [f] } },
    );
    assert.deepEqual(open(await findings(P, [f, cfg])), []);
  });

  it("Noncompliance 1: function with neither", async () => {
    assert.deepEqual(open(await findings(P, fn())), [
      'orders: function "orders-fn" must have deadLetterConfig.targetArn or an on-failure destination, got neither.',
    ]);
  });

  it("Noncompliance 2: the invoke config belongs to another function", async () => {
    assert.equal(open(await findings(P, [fn(), invokeConfig("billing-fn")])).length, 1);
  });

  it("Noncompliance 3: the invoke config has only an on-success destination", async () => {
    const cfg = edit(invokeConfig("orders-fn"), {
      destinationConfig: { onSuccess: { destination: DLQ } },
    });
    assert.equal(open(await findings(P, [fn(), cfg])).length, 1);
  });
});
