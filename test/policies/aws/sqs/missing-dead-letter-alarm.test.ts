import assert from "node:assert/strict";
import { awsSqsQueueMissingDeadLetterAlarm as P } from "../../../../policies/aws/sqs/missing-dead-letter-alarm";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const ARN = (n: string) => `arn:aws:sqs:eu-west-1:123456789012:${n}`;
const dlq = () =>
  res(
    "aws:sqs/queue:Queue",
    "orders-dlq",
    {},
    { outputs: { name: "orders-dlq-1a2b", arn: ARN("orders-dlq-1a2b") } },
  );
const target = () =>
  res("aws:cloudwatch/eventTarget:EventTarget", "orders-target", {
    rule: "orders",
    arn: "arn:aws:lambda:eu-west-1:123456789012:function:orders",
    deadLetterConfig: { arn: ARN("orders-dlq-1a2b") },
  });
const alarm = (dims: Record<string, unknown> = { QueueName: "orders-dlq-1a2b" }) =>
  res("aws:cloudwatch/metricAlarm:MetricAlarm", "orders-dlq-depth", {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: dims,
    alarmActions: ["arn:aws:sns:eu-west-1:123456789012:alarms"],
  });

describe("aws-sqs-queue-missing-dead-letter-alarm", () => {
  it("Compliance 1: EventBridge DLQ watched by an alarm on its name", async () => {
    assert.deepEqual(open(await findings(P, [dlq(), target(), alarm()])), []);
  });

  it("Compliance 2: queue name unknown in a preview, alarm linked by dependency", async () => {
    const q = dlq();
    const a = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "a",
      { namespace: "AWS/SQS", dimensions: { QueueName: UNKNOWN } },
      { deps: { dimensions: [q] } },
    );
    const t = edit(target(), { deadLetterConfig: { arn: UNKNOWN } });
    const linked = { ...t, propertyDependencies: { deadLetterConfig: [q.urn] } };
    assert.deepEqual(open(await findings(P, [q, linked, a])), []);
  });

  it("Compliance 3: a queue that is no one's dead-letter queue needs no alarm", async () => {
    assert.deepEqual(open(await findings(P, [dlq()])), []);
  });

  it("Noncompliance 1: EventBridge dead-letter queue without an alarm", async () => {
    assert.deepEqual(open(await findings(P, [dlq(), target()])), [
      'orders-dlq: dead-letter queue "orders-dlq-1a2b" must be watched by a CloudWatch alarm on ApproximateNumberOfMessagesVisible or ApproximateAgeOfOldestMessage with dimensions.QueueName set to it that fires when messages arrive, got none.',
    ]);
  });

  it("Noncompliance 2: the alarm watches another queue", async () => {
    assert.equal(
      open(await findings(P, [dlq(), target(), alarm({ QueueName: "orders" })])).length,
      1,
    );
  });

  it("Noncompliance 3: a redrive target outside the stack is reported at the queue that names it", async () => {
    const work = res("aws:sqs/queue:Queue", "work", {
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN("shared-dlq"), maxReceiveCount: 3 }),
    });
    assert.deepEqual(open(await findings(P, [work])), [
      'work: dead-letter queue "shared-dlq" must be watched by a CloudWatch alarm on ApproximateNumberOfMessagesVisible or ApproximateAgeOfOldestMessage with dimensions.QueueName set to it that fires when messages arrive, got none.',
    ]);
  });

  it("Noncompliance 4: a Lambda function's dead-letter queue", async () => {
    const fn = res("aws:lambda/function:Function", "fn", {
      deadLetterConfig: { targetArn: ARN("orders-dlq-1a2b") },
    });
    assert.equal(open(await findings(P, [dlq(), fn])).length, 1);
  });

  it("Noncompliance 5: an alarm on NumberOfMessagesSent (dead-lettering does not count there)", async () => {
    const a = edit(alarm(), { metricName: "NumberOfMessagesSent" });
    assert.equal(open(await findings(P, [dlq(), target(), a])).length, 1);
  });

  it("Noncompliance 6: an alarm that fires only when the queue is nearly empty", async () => {
    const a = edit(alarm(), { comparisonOperator: "LessThanThreshold", threshold: 1 });
    assert.equal(open(await findings(P, [dlq(), target(), a])).length, 1);
  });

  it("Compliance 4: an alarm on the age of the oldest message", async () => {
    const a = edit(alarm(), {
      metricName: "ApproximateAgeOfOldestMessage",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 60,
    });
    assert.deepEqual(open(await findings(P, [dlq(), target(), a])), []);
  });
});
