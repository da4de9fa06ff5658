import assert from "node:assert/strict";
import {
  alertTopicPolicy,
  deadLetterQueuePolicy,
  secretsEndpointPolicy,
} from "../../../components/aws/resource-policies";

const queueArn = "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-orders-dlq";
const ruleArn = "arn:aws:events:eu-west-1:123456789012:rule/eventstack-prod/eventstack-prod-orders";
const roleArn = "arn:aws:iam::123456789012:role/eventstack-prod-orders-role";

const fromRule = {
  Sid: "EventBridgeSendsUndeliverableEvents",
  Effect: "Allow",
  Principal: { Service: "events.amazonaws.com" },
  Action: "sqs:SendMessage",
  Resource: queueArn,
  Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
};

describe("aws resource policies", () => {
  it("lets only the rule's EventBridge deliveries and the consumer's role send to its dead-letter queue", () => {
    assert.deepEqual(
      deadLetterQueuePolicy({ queueArn, eventSourceArn: ruleArn, functionRoleArn: roleArn }),
      {
        Version: "2012-10-17",
        Statement: [
          fromRule,
          {
            Sid: "FunctionSendsFailedInvocations",
            Effect: "Allow",
            Principal: { AWS: roleArn },
            Action: "sqs:SendMessage",
            Resource: queueArn,
          },
        ],
      },
    );
  });

  it("lets only EventBridge send to a queue that serves no function", () => {
    assert.deepEqual(deadLetterQueuePolicy({ queueArn, eventSourceArn: ruleArn }).Statement, [
      fromRule,
    ]);
  });

  it("lets only this account's platform alarms publish to the alert topic", () => {
    const topicArn = "arn:aws:sns:eu-west-1:123456789012:eventstack-prod-alerts";
    assert.deepEqual(
      alertTopicPolicy({
        topicArn,
        accountId: "123456789012",
        alarmArns: [
          "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:eventstack-prod-orders-dlq-depth",
        ],
      }).Statement,
      [
        {
          Sid: "PlatformAlarmsPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topicArn,
          Condition: {
            ArnEquals: {
              "aws:SourceArn": [
                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:eventstack-prod-orders-dlq-depth",
              ],
            },
            StringEquals: { "aws:SourceAccount": "123456789012" },
          },
        },
      ],
    );
  });

  it("lets the Secrets Manager endpoint carry only this account's reads of the platform's secrets", () => {
    const secretArn =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:eventstack-prod/orders-api-key-AbCdEf";
    assert.deepEqual(
      secretsEndpointPolicy({ accountId: "123456789012", secretArns: [secretArn] }).Statement,
      [
        {
          Sid: "ReadPlatformSecretsFromThisAccount",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "secretsmanager:GetSecretValue",
          Resource: [secretArn],
          Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
        },
      ],
    );
  });
});
