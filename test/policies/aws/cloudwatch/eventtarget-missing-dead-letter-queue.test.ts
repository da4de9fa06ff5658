import assert from "node:assert/strict";
import { awsCloudwatchEventTargetMissingDeadLetterQueue as P } from "../../../../policies/aws/cloudwatch/eventtarget-missing-dead-letter-queue";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const baseline = () =>
  res("aws:cloudwatch/eventTarget:EventTarget", "orders-target", {
    rule: "orders",
    eventBusName: "events",
    arn: "arn:aws:lambda:eu-west-1:123456789012:function:orders",
    deadLetterConfig: { arn: "arn:aws:sqs:eu-west-1:123456789012:orders-dlq" },
    retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 21600 },
  });

describe("aws-cloudwatch-eventtarget-missing-dead-letter-queue", () => {
  it("Compliance 1: target with a dead-letter queue", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: dead-letter queue ARN not known yet during a preview", async () => {
    assert.deepEqual(
      open(await findings(P, edit(baseline(), { deadLetterConfig: { arn: UNKNOWN } }))),
      [],
    );
  });

  it("Noncompliance 1: target without a dead-letter queue", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { deadLetterConfig: undefined }))), [
      "orders-target: deadLetterConfig.arn must name an SQS dead-letter queue, got none.",
    ]);
  });

  it("Noncompliance 2: dead-letter config without an ARN", async () => {
    assert.equal(open(await findings(P, edit(baseline(), { deadLetterConfig: {} }))).length, 1);
  });
});
