/** An alarm counts only if its notification can be delivered: encrypted topics and their keys. */
import assert from "node:assert/strict";
import { awsCloudwatchAlarmMissingNotification as P } from "../../../../policies/aws/cloudwatch/alarm-missing-notification";
import { findings, open, res } from "../../support/policy-test";

const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:alerts";
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const ROOT = {
  Sid: "Root",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: "kms:*",
  Resource: "*",
};
const CLOUDWATCH = {
  Sid: "CloudWatchAlarms",
  Effect: "Allow",
  Principal: { Service: "cloudwatch.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
  Resource: "*",
};
const key = (statements: unknown[]) =>
  res("aws:kms/key:Key", "alerts-key", {
    arn: KEY_ARN,
    keyId: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    enableKeyRotation: true,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
  });
const topic = (kmsMasterKeyId: string) =>
  res("aws:sns/topic:Topic", "alerts", { name: "alerts", arn: TOPIC_ARN, kmsMasterKeyId });
const subscription = () =>
  res("aws:sns/topicSubscription:TopicSubscription", "oncall", {
    topic: TOPIC_ARN,
    protocol: "email",
    endpoint: "oncall@example.com",
  });
const alarm = () =>
  res("aws:cloudwatch/metricAlarm:MetricAlarm", "dlq-depth", {
    name: "dlq-depth",
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: "orders-dlq" },
    alarmActions: [TOPIC_ARN],
  });

describe("aws-cloudwatch-alarm-missing-notification (encrypted topics)", () => {
  it("Compliance 1: a customer-managed key whose policy lets CloudWatch use it", async () => {
    const found = await findings(P, [
      key([ROOT, CLOUDWATCH]),
      topic(KEY_ARN),
      subscription(),
      alarm(),
    ]);
    assert.deepEqual(open(found), []);
  });

  it("Noncompliance 1: the AWS managed key alias/aws/sns", async () => {
    const found = await findings(P, [topic("alias/aws/sns"), subscription(), alarm()]);
    assert.deepEqual(open(found), [
      'dlq-depth: alarm "dlq-depth" publishes to SNS topic "alerts", which is encrypted with the AWS managed key alias/aws/sns, whose key policy does not let CloudWatch use it.',
    ]);
  });

  it("Noncompliance 2: a customer-managed key whose policy trusts only the account root", async () => {
    const found = await findings(P, [key([ROOT]), topic(KEY_ARN), subscription(), alarm()]);
    assert.deepEqual(open(found), [
      `dlq-depth: alarm "dlq-depth" publishes to SNS topic "alerts", which is encrypted with KMS key "${KEY_ARN}", whose key policy must allow the service cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.`,
    ]);
  });

  it("Noncompliance 3: the key grants CloudWatch Decrypt only (a glob that misses GenerateDataKey)", async () => {
    const partial = { ...CLOUDWATCH, Action: "kms:Decrypt*" };
    const found = await findings(P, [
      key([ROOT, partial]),
      topic(KEY_ARN),
      subscription(),
      alarm(),
    ]);
    assert.equal(open(found).length, 1);
  });
});
