import assert from "node:assert/strict";
import type { AwsAccount } from "../../../components/aws/arns";
import {
  ACTIONS_ONLY_ON_ALL_RESOURCES,
  consumerRolePolicy,
  lambdaTrustPolicy,
  type ConsumerRolePolicyInput,
} from "../../../components/aws/iam-policies";
import type { PolicyDocument, PolicyStatement } from "../../../components/aws/policy-document";
import { isStarOnlyAction } from "../../../policies/lib/aws/star-only-actions";

const account: AwsAccount = {
  partition: "aws",
  region: "eu-west-1",
  accountId: "123456789012",
  dnsSuffix: "amazonaws.com",
};
const logGroupArn =
  "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/eventstack-prod-orders";
const queueArn = "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-orders-dlq";
const secretArn =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:eventstack-prod/orders-api-key-AbCdEf";
const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/0f0e0d0c-0000-4000-a000-000000000000";

const logs: PolicyStatement = {
  Sid: "WriteOwnLogs",
  Effect: "Allow",
  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: `${logGroupArn}:*`,
};
const deliveryQueueArn = "arn:aws:sqs:eu-west-1:123456789012:eventstack-prod-orders-queue";
const poll: PolicyStatement = {
  Sid: "PollOwnQueue",
  Effect: "Allow",
  Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
  Resource: deliveryQueueArn,
};
const queue: PolicyStatement = {
  Sid: "SendFailedEventsToOwnDeadLetterQueue",
  Effect: "Allow",
  Action: "sqs:SendMessage",
  Resource: queueArn,
};
const traces: PolicyStatement = {
  Sid: "WriteTraces",
  Effect: "Allow",
  Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
  Resource: "*",
};

/** Every (action, resource) pair a document allows. */
function grants(doc: PolicyDocument): { action: string; resource: string }[] {
  return doc.Statement.flatMap((s) =>
    [s.Action]
      .flat()
      .flatMap((action) => [s.Resource ?? []].flat().map((resource) => ({ action, resource }))),
  );
}

describe("aws consumer IAM", () => {
  it("trusts only Lambda acting for this account", () => {
    assert.deepEqual(lambdaTrustPolicy("123456789012"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "LambdaAssumesRoleForThisAccount",
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ],
    });
  });

  const cases: {
    name: string;
    input: ConsumerRolePolicyInput;
    expected: PolicyDocument["Statement"];
  }[] = [
    {
      name: "writes its logs, its dead letters and traces when it has no secret, key or VPC",
      input: { account, logGroupArn, deadLetterQueueArn: queueArn, queueArn: deliveryQueueArn },
      expected: [logs, poll, queue, traces],
    },
    {
      name: "also reads its own secret, and uses the key only through SQS and Secrets Manager",
      input: {
        account,
        logGroupArn,
        deadLetterQueueArn: queueArn,
        queueArn: deliveryQueueArn,
        secretArn,
        keyArn,
      },
      expected: [
        logs,
        poll,
        queue,
        {
          Sid: "ReadOwnSecret",
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: secretArn,
        },
        {
          Sid: "UseKeyForOwnQueueAndSecret",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: keyArn,
          Condition: {
            StringEquals: {
              "kms:ViaService": [
                "sqs.eu-west-1.amazonaws.com",
                "secretsmanager.eu-west-1.amazonaws.com",
              ],
            },
          },
        },
        traces,
      ],
    },
    {
      name: "uses the key only through SQS when it has a key but no secret",
      input: {
        account,
        logGroupArn,
        deadLetterQueueArn: queueArn,
        queueArn: deliveryQueueArn,
        keyArn,
      },
      expected: [
        logs,
        poll,
        queue,
        {
          Sid: "UseKeyForOwnQueueAndSecret",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: keyArn,
          Condition: { StringEquals: { "kms:ViaService": ["sqs.eu-west-1.amazonaws.com"] } },
        },
        traces,
      ],
    },
    {
      name: "manages network interfaces only in its own subnets and security group when in a VPC",
      input: {
        account,
        logGroupArn,
        deadLetterQueueArn: queueArn,
        queueArn: deliveryQueueArn,
        network: { subnetIds: ["subnet-a", "subnet-b"], securityGroupId: "sg-1" },
      },
      expected: [
        logs,
        poll,
        queue,
        traces,
        {
          Sid: "DescribeNetworkForVpcAttachment",
          Effect: "Allow",
          Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
          Resource: "*",
        },
        {
          Sid: "ManageOwnNetworkInterfaces",
          Effect: "Allow",
          Action: [
            "ec2:AssignPrivateIpAddresses",
            "ec2:CreateNetworkInterface",
            "ec2:DeleteNetworkInterface",
            "ec2:UnassignPrivateIpAddresses",
          ],
          Resource: [
            "arn:aws:ec2:eu-west-1:123456789012:network-interface/*",
            "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-a",
            "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-b",
            "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1",
          ],
        },
      ],
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      assert.deepEqual(consumerRolePolicy(input), { Version: "2012-10-17", Statement: expected });
    });
  }

  it("grants no wildcard action, and resource * only to actions AWS allows only on *", () => {
    const full = consumerRolePolicy({
      account,
      logGroupArn,
      deadLetterQueueArn: queueArn,
      queueArn: deliveryQueueArn,
      secretArn,
      keyArn,
      network: { subnetIds: ["subnet-a"], securityGroupId: "sg-1" },
    });
    for (const { action, resource } of grants(full)) {
      assert.doesNotMatch(action, /\*/, action);
      if (resource === "*") {
        assert.ok(
          (ACTIONS_ONLY_ON_ALL_RESOURCES as readonly string[]).includes(action),
          `${action} is granted on *`,
        );
      }
    }
  });

  it("grants on `*` only actions the policy pack also knows AWS accepts solely on `*`", () => {
    for (const action of ACTIONS_ONLY_ON_ALL_RESOURCES) {
      assert.ok(isStarOnlyAction(action), `${action} is star-only for the pack too`);
    }
  });
});
