import assert from "node:assert/strict";
import { awsLambdaFunctionMissingErrorAlarm as P } from "../../../../policies/aws/lambda/missing-error-alarm";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const fn = () =>
  res("aws:lambda/function:Function", "orders", {}, { outputs: { name: "orders-fn" } });
const alarm = (props: Record<string, unknown>) =>
  res("aws:cloudwatch/metricAlarm:MetricAlarm", "orders-errors", {
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: { FunctionName: "orders-fn" },
    alarmActions: ["arn:aws:sns:eu-west-1:1:alarms"],
    ...props,
  });

describe("aws-lambda-function-missing-error-alarm", () => {
  it("Compliance 1: Errors alarm on the function", async () => {
    assert.deepEqual(open(await findings(P, [fn(), alarm({})])), []);
  });

  it("Compliance 2: error-rate metric math using Errors", async () => {
    const a = alarm({
      namespace: undefined,
      metricName: undefined,
      dimensions: undefined,
      metricQueries: [
        { id: "rate", expression: "100*errors/invocations", returnData: true },
        {
          id: "errors",
          metric: {
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: "orders-fn" },
            stat: "Sum",
            period: 300,
          },
        },
        {
          id: "invocations",
          metric: {
            namespace: "AWS/Lambda",
            metricName: "Invocations",
            dimensions: { FunctionName: "orders-fn" },
            stat: "Sum",
            period: 300,
          },
        },
      ],
    });
    assert.deepEqual(open(await findings(P, [fn(), a])), []);
  });

  it("Compliance 3: dimension not known yet, linked by dependency", async () => {
    const f = fn();
    const a = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "e",
      {
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: UNKNOWN },
      },
      { deps: { dimensions: [f] } },
    );
    assert.deepEqual(open(await findings(P, [f, a])), []);
  });

  it("Noncompliance 1: no alarm", async () => {
    assert.deepEqual(open(await findings(P, fn())), [
      'orders: function "orders-fn" must have an alarm on AWS/Lambda Errors with dimensions.FunctionName set to it, got none.',
    ]);
  });

  it("Noncompliance 2: alarm on Throttles only", async () => {
    assert.equal(open(await findings(P, [fn(), alarm({ metricName: "Throttles" })])).length, 1);
  });

  it("Noncompliance 3: alarm on another function", async () => {
    const a = edit(alarm({}), { dimensions: { FunctionName: "billing-fn" } });
    assert.equal(open(await findings(P, [fn(), a])).length, 1);
  });

  it("is advisory by default", async () => {
    assert.equal((await findings(P, fn()))[0]?.enforcementLevel, "advisory");
  });
});
