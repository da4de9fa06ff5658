import assert from "node:assert/strict";
import { awsCloudwatchAlarmMissingNotification as P } from "../../../../policies/aws/cloudwatch/alarm-missing-notification";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:alarms-1a2b";
const topic = () =>
  res("aws:sns/topic:Topic", "alarms", {}, { outputs: { name: "alarms-1a2b", arn: TOPIC } });
const subscription = () =>
  res("aws:sns/topicSubscription:TopicSubscription", "oncall", {
    topic: TOPIC,
    protocol: "email",
    endpoint: "oncall@example.com",
  });
const alarm = () =>
  res("aws:cloudwatch/metricAlarm:MetricAlarm", "dlq-depth", {
    name: "dlq-depth",
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    alarmActions: [TOPIC],
  });
const baseline = () => [topic(), subscription(), alarm()];

describe("aws-cloudwatch-alarm-missing-notification", () => {
  it("Compliance 1: alarm publishing to a subscribed topic", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: action to a topic outside the stack", async () => {
    const a = edit(alarm(), {
      alarmActions: ["arn:aws:sns:eu-west-1:123456789012:central-oncall"],
    });
    assert.deepEqual(open(await findings(P, [a])), []);
  });

  it("Compliance 3: topic ARN unknown in a preview, subscription linked by dependency", async () => {
    const t = topic();
    const s = res(
      "aws:sns/topicSubscription:TopicSubscription",
      "oncall",
      { topic: UNKNOWN, protocol: "email" },
      { deps: { topic: [t] } },
    );
    const a = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "a",
      { alarmActions: [UNKNOWN] },
      { deps: { alarmActions: [t] } },
    );
    assert.deepEqual(open(await findings(P, [t, s, a])), []);
  });

  it("Noncompliance 1: alarm without actions", async () => {
    const [t, s] = baseline();
    assert.deepEqual(open(await findings(P, [t!, s!, edit(alarm(), { alarmActions: [] })])), [
      'dlq-depth: alarm "dlq-depth" must have at least one alarmActions entry, got none.',
    ]);
  });

  it("Noncompliance 2: alarm publishing to a topic nobody subscribes to", async () => {
    assert.deepEqual(open(await findings(P, [topic(), alarm()])), [
      'dlq-depth: alarm "dlq-depth" publishes to SNS topic "alarms-1a2b", which must have a subscription, got none.',
    ]);
  });

  it("Noncompliance 3: actions disabled", async () => {
    const [t, s] = baseline();
    assert.deepEqual(open(await findings(P, [t!, s!, edit(alarm(), { actionsEnabled: false })])), [
      'dlq-depth: alarm "dlq-depth" must have actionsEnabled true, got false.',
    ]);
  });
});
