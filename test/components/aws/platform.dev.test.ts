import assert from "node:assert/strict";
import { alertsKeyPolicy } from "../../../components/aws/key-policy";
import type { Plan } from "../../../policies/offline/plan";
import { SECRET_PLACEHOLDER } from "../../../policies/offline/mock-runtime";
import { ofType, one, plan, withSecret } from "../../support/plan";
import { ACCOUNT, inputs, jsonInput, namesOf, REGION, str, T } from "./plan-helpers";

describe("aws platform, dev stack on aws (no customer managed keys, no VPC)", () => {
  let p: Plan;
  before(async () => {
    p = await plan("dev", {
      "eventstack:cloud": "aws",
      ...withSecret("dev", "dev-backend-key"),
    });
  });

  it("tags through the provider with the dev environment", () => {
    const provider = ofType(p, T.provider)[0];
    assert.deepEqual(JSON.parse(provider?.inputs.defaultTags as string), {
      tags: {
        team: "platform",
        "cost-center": "cc-1042",
        environment: "dev",
        stack: "dev",
        "managed-by": "eventstack",
      },
    });
  });

  it("keeps one key, for the alert topic only, which alarms cannot reach under the AWS managed SNS key", () => {
    const topicArn = str(p, T.topic, "eventstack-alerts-topic", "arn");
    assert.deepEqual(namesOf(p, T.key), ["eventstack-alerts-key-key"]);
    assert.deepEqual(
      jsonInput(p, T.key, "eventstack-alerts-key-key", "policy"),
      alertsKeyPolicy({
        account: {
          partition: "aws",
          region: REGION,
          accountId: ACCOUNT,
          dnsSuffix: "amazonaws.com",
        },
        alertTopicArn: topicArn,
      }),
    );
    assert.equal(
      (jsonInput(p, T.key, "eventstack-alerts-key-key", "policy") as { Statement: unknown[] })
        .Statement.length,
      2,
    );
    assert.equal(inputs(p, T.key, "eventstack-alerts-key-key").enableKeyRotation, true);
    assert.equal(
      inputs(p, T.topic, "eventstack-alerts-topic").kmsMasterKeyId,
      str(p, T.key, "eventstack-alerts-key-key", "arn"),
    );
  });

  it("leaves the bus, archive, logs and secrets on AWS-managed encryption, and the bus without a dead-letter queue", () => {
    const bus = inputs(p, T.bus, "eventstack-events-bus");
    assert.equal(bus.kmsKeyIdentifier, undefined);
    assert.equal(bus.deadLetterConfig, undefined);
    const archive = inputs(p, T.archive, "eventstack-events-archive");
    assert.deepEqual([archive.retentionDays, archive.kmsKeyIdentifier], [7, undefined]);
    const logs = inputs(p, T.logGroup, "eventstack-orders-logs");
    assert.deepEqual([logs.retentionInDays, logs.kmsKeyId], [14, undefined]);
    assert.equal(inputs(p, T.secret, "eventstack-secrets-orders-api-key").kmsKeyId, undefined);
    assert.deepEqual(namesOf(p, T.queue), [
      "eventstack-audit-delivery-queue",
      "eventstack-audit-dlq-queue",
      "eventstack-orders-delivery-queue",
      "eventstack-orders-dlq-queue",
    ]);
  });

  it("encrypts dead-letter queues with SQS-managed keys", () => {
    assert.deepEqual(inputs(p, T.queue, "eventstack-orders-dlq-queue"), {
      name: "eventstack-dev-orders-dlq",
      messageRetentionSeconds: 1209600,
      sqsManagedSseEnabled: true,
      tags: { consumer: "orders" },
    });
  });

  it("applies the dev memory, timeout, concurrency and delivery defaults", () => {
    const fn = inputs(p, T.fn, "eventstack-orders-fn");
    // No reservation: a fresh account whose quota is below 1000 accepts the function.
    assert.deepEqual(
      [fn.memorySize, fn.timeout, fn.reservedConcurrentExecutions],
      [512, 60, undefined],
    );
    assert.equal(fn.runtime, "nodejs24.x");
    assert.equal(fn.vpcConfig, undefined);
    assert.deepEqual(inputs(p, T.target, "eventstack-orders-target").retryPolicy, {
      maximumRetryAttempts: 4,
      maximumEventAgeInSeconds: 3600,
    });
    const queue = inputs(p, T.queue, "eventstack-orders-delivery-queue");
    assert.equal(queue.visibilityTimeoutSeconds, 360);
    assert.deepEqual(JSON.parse(String(queue.redrivePolicy)), {
      deadLetterTargetArn: "arn:aws:sqs:eu-west-1:123456789012:eventstack-dev-orders-dlq",
      maxReceiveCount: 5,
    });
    const invoke = inputs(p, T.invokeConfig, "eventstack-orders-async");
    assert.deepEqual([invoke.maximumRetryAttempts, invoke.maximumEventAgeInSeconds], [2, 3600]);
  });

  it("grants no key use and no network interface actions without a key or VPC", () => {
    const policy = jsonInput(p, T.rolePolicy, "eventstack-orders-permissions", "policy") as {
      Statement: { Sid: string }[];
    };
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      [
        "WriteOwnLogs",
        "PollOwnQueue",
        "SendFailedEventsToOwnDeadLetterQueue",
        "ReadOwnSecret",
        "UseOwnItemsInStateTable",
        "WriteTraces",
      ],
    );
  });

  it("builds no network", () => {
    assert.equal(ofType(p, T.vpc).length, 0);
    assert.equal(ofType(p, T.securityGroup).length, 0);
    assert.equal(ofType(p, T.endpoint).length, 0);
  });

  it("stores the secret's value from secret config as a secret", () => {
    const version = inputs(p, T.secretVersion, "eventstack-secrets-orders-api-key-value");
    assert.equal(version.secretString, SECRET_PLACEHOLDER);
    assert.equal(version.secretId, one(p, T.secret, "eventstack-secrets-orders-api-key").id);
  });

  it("names everything after the dev stack", () => {
    assert.equal(p.outputs.busName, "eventstack-dev");
    assert.equal(
      p.outputs.dashboardUrl,
      `https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#dashboards:name=eventstack-dev`,
    );
  });
});

describe("aws platform, dev stack with private networking", () => {
  let p: Plan;
  before(async () => {
    p = await plan("dev", { "eventstack:cloud": "aws", "eventstack:privateNetworking": "true" });
  });

  it("builds no NAT gateway: nothing in the VPC needs the internet", () => {
    assert.deepEqual(inputs(p, T.vpc, "eventstack-network-vpc").natGateways, { strategy: "None" });
  });

  it("sends the VPC's flow logs to a log group kept logRetentionDays", () => {
    const flow = inputs(p, "aws:ec2/flowLog:FlowLog", "eventstack-network-flow-log");
    assert.deepEqual([flow.trafficType, flow.logDestinationType], ["ALL", "cloud-watch-logs"]);
    const group = inputs(p, T.logGroup, "eventstack-network-flow-logs");
    assert.deepEqual(
      [group.name, group.retentionInDays],
      ["/eventstack/eventstack-dev/vpc-flow-logs", 14],
    );
  });

  it("places every function in the private subnets behind the functions' security group", () => {
    const sg = ofType(p, T.securityGroup).find((r) => r.name === "eventstack-network-functions");
    for (const fn of ofType(p, T.fn)) {
      const vpc = fn.inputs.vpcConfig as { subnetIds: string[]; securityGroupIds: string[] };
      assert.equal(vpc.subnetIds.length, 3, fn.name);
      assert.deepEqual(vpc.securityGroupIds, [sg?.id], fn.name);
    }
  });
});
