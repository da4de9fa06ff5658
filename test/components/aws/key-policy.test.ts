import assert from "node:assert/strict";
import type { AwsAccount } from "../../../components/aws/arns";
import {
  alertsKeyPolicy,
  dataKeyPolicy,
  KEY_ADMIN_ACTIONS,
} from "../../../components/aws/key-policy";
import type { PolicyStatement } from "../../../components/aws/policy-document";

const account: AwsAccount = {
  partition: "aws",
  region: "eu-west-1",
  accountId: "123456789012",
  dnsSuffix: "amazonaws.com",
};
const topic = "arn:aws:sns:eu-west-1:123456789012:eventstack-prod-alerts";
const bus = "arn:aws:events:eu-west-1:123456789012:event-bus/eventstack-prod";
const logGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/eventstack-prod-orders";

const admin: PolicyStatement = {
  Sid: "AccountAdministersKey",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: [...KEY_ADMIN_ACTIONS],
  Resource: "*",
};
const alarms: PolicyStatement = {
  Sid: "AlarmsPublishToAlertTopic",
  Effect: "Allow",
  Principal: { Service: "cloudwatch.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: "*",
  Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topic } },
};
const busDlq = "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-bus-dlq";
const queue = "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-orders-queue";
const dlq = "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-orders-dlq";
const operator = "arn:aws:iam::123456789012:role/eventstack-prod-dlq-operator";
const queues = (arns: string[]): PolicyStatement => ({
  Sid: "EventBridgeWritesQueues",
  Effect: "Allow",
  Principal: { Service: "events.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: "*",
  Condition: { StringEquals: { "kms:EncryptionContext:aws:sqs:arn": arns } },
});
const dataInput = {
  account,
  eventBusArn: bus,
  eventBridgeQueueArns: [queue, dlq],
  operatorRoleArn: operator,
  logGroupArns: [logGroup],
};

describe("aws key policies", () => {
  describe("alerts key", () => {
    it("grants only administration and the alarms' publishing when the bus has no dead-letter queue", () => {
      assert.deepEqual(alertsKeyPolicy({ account, alertTopicArn: topic }), {
        Version: "2012-10-17",
        Statement: [admin, alarms],
      });
    });

    it("also lets EventBridge write the bus's dead letters and operators read them through SQS", () => {
      assert.deepEqual(
        alertsKeyPolicy({ account, alertTopicArn: topic, busDeadLetterQueueArn: busDlq }).Statement,
        [
          admin,
          alarms,
          {
            Sid: "AccountUsesKeyThroughSqs",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: {
              StringEquals: {
                "kms:ViaService": ["sqs.eu-west-1.amazonaws.com"],
                "kms:CallerAccount": "123456789012",
              },
            },
          },
          queues([busDlq]),
        ],
      );
    });
  });

  describe("data key", () => {
    it("grants each service exactly its operations, bound to the platform's bus, rules and log groups", () => {
      const policy = dataKeyPolicy(dataInput);
      assert.deepEqual(policy.Statement, [
        admin,
        {
          Sid: "AccountUsesKeyThroughSecretsManagerAndSqs",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: "*",
          Condition: {
            StringEquals: {
              "kms:ViaService": [
                "secretsmanager.eu-west-1.amazonaws.com",
                "sqs.eu-west-1.amazonaws.com",
              ],
              "kms:CallerAccount": "123456789012",
            },
          },
        },
        {
          Sid: "AccountUsesKeyThroughDynamoDb",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: [
            "kms:CreateGrant",
            "kms:Decrypt",
            "kms:DescribeKey",
            "kms:Encrypt",
            "kms:GenerateDataKey",
          ],
          Resource: "*",
          Condition: {
            StringEquals: {
              "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com",
              "kms:CallerAccount": "123456789012",
            },
          },
        },
        {
          Sid: "EventBridgeDescribesKey",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "kms:DescribeKey",
          Resource: "*",
        },
        {
          Sid: "EventBridgeEncryptsBusAndArchive",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
          Resource: "*",
          Condition: {
            StringEquals: {
              "aws:SourceAccount": "123456789012",
              "kms:EncryptionContext:aws:events:event-bus:arn": bus,
            },
          },
        },
        queues([queue, dlq]),
        {
          Sid: "OperatorDecryptsEncryptedEvents",
          Effect: "Allow",
          Principal: { AWS: operator },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": bus } },
        },
        {
          Sid: "LogsEncryptFunctionLogs",
          Effect: "Allow",
          Principal: { Service: "logs.eu-west-1.amazonaws.com" },
          Action: [
            "kms:Decrypt",
            "kms:DescribeKey",
            "kms:Encrypt",
            "kms:GenerateDataKey",
            "kms:GenerateDataKeyWithoutPlaintext",
            "kms:ReEncryptFrom",
            "kms:ReEncryptTo",
          ],
          Resource: "*",
          Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [logGroup] } },
        },
      ]);
    });

    it("names the partition's own service hosts outside the commercial partition", () => {
      const china: AwsAccount = {
        partition: "aws-cn",
        region: "cn-north-1",
        accountId: "123456789012",
        dnsSuffix: "amazonaws.com.cn",
      };
      const policy = dataKeyPolicy({ ...dataInput, account: china });
      const logs = policy.Statement.find((s) => s.Sid === "LogsEncryptFunctionLogs");
      assert.deepEqual(logs?.Principal, { Service: "logs.cn-north-1.amazonaws.com.cn" });
      assert.deepEqual(policy.Statement[0]?.Principal, {
        AWS: "arn:aws-cn:iam::123456789012:root",
      });
    });
  });

  it("never lets the account administrators decrypt directly, nor grants a wildcard action", () => {
    for (const action of KEY_ADMIN_ACTIONS) {
      assert.doesNotMatch(action, /\*|Decrypt|Encrypt|GenerateDataKey|ReEncrypt/, action);
    }
    const statements = [
      ...alertsKeyPolicy({ account, alertTopicArn: topic, busDeadLetterQueueArn: busDlq })
        .Statement,
      ...dataKeyPolicy(dataInput).Statement,
    ];
    for (const s of statements) {
      for (const action of [s.Action].flat())
        assert.doesNotMatch(action, /\*/, `${s.Sid}: ${action}`);
    }
  });

  it("binds EventBridge's queue writes to the queues' SQS encryption context, never to aws:SourceArn, which AWS does not document on that KMS call", () => {
    const statements = [
      ...alertsKeyPolicy({ account, alertTopicArn: topic, busDeadLetterQueueArn: busDlq })
        .Statement,
      ...dataKeyPolicy(dataInput).Statement,
    ];
    const writes = statements.filter((s) => s.Sid === "EventBridgeWritesQueues");
    assert.equal(writes.length, 2);
    for (const s of writes) {
      assert.doesNotMatch(JSON.stringify(s.Condition), /aws:SourceArn/);
      assert.ok(s.Condition && "StringEquals" in s.Condition);
    }
  });

  it("lets only the named operator role decrypt directly, and only events of the platform's bus", () => {
    const direct = dataKeyPolicy(dataInput).Statement.filter(
      (s) =>
        [s.Action].flat().includes("kms:Decrypt") &&
        !JSON.stringify(s.Condition ?? {}).includes("kms:ViaService") &&
        s.Principal !== undefined &&
        "AWS" in s.Principal,
    );
    assert.deepEqual(
      direct.map((s) => [s.Sid, s.Principal, s.Condition]),
      [
        [
          "OperatorDecryptsEncryptedEvents",
          { AWS: operator },
          { StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": bus } },
        ],
      ],
    );
  });
});
