import assert from "node:assert/strict";
import { resolve } from "node:path";
import { alertsKeyPolicy, dataKeyPolicy } from "../../../components/aws/key-policy";
import { loadEventBridgeSample, putEventsCommand } from "../../../components/aws/publish-example";
import { mockAwsResource } from "../../../policies/offline/mock-state-aws";
import type { Plan } from "../../../policies/offline/plan";
import { one, ofType, plan, withSecret } from "../../support/plan";
import {
  ACCOUNT,
  awsResources,
  inputs,
  jsonInput,
  namesOf,
  outputs,
  REGION,
  str,
  T,
} from "./plan-helpers";

describe("aws platform, prod stack (customer managed keys, private networking)", () => {
  let p: Plan;
  let keyArn: string;
  let alertsKeyArn: string;
  let topicArn: string;
  before(async () => {
    p = await plan("prod", withSecret("prod"));
    keyArn = str(p, T.key, "eventstack-data-key-key", "arn");
    alertsKeyArn = str(p, T.key, "eventstack-alerts-key-key", "arn");
    topicArn = str(p, T.topic, "eventstack-alerts-topic", "arn");
  });

  const rule = (c: string) =>
    `arn:aws:events:${REGION}:${ACCOUNT}:rule/eventstack-prod/eventstack-prod-${c}`;
  const queueArn = (c: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-${c}-dlq`;
  const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/eventstack-prod`;
  /** What the mocked awsx VPC (a remote component, one resource to the mocks) returned. */
  const vpc = mockAwsResource(
    {
      type: T.vpc,
      name: "eventstack-network-vpc",
      inputs: { subnetSpecs: [{ type: "Isolated" }], natGateways: { strategy: "None" } },
    },
    REGION,
  ).state as {
    vpcId: string;
    isolatedSubnetIds: string[];
  };

  describe("provider and tags", () => {
    it("creates every AWS resource through one provider in the stack's region whose default tags carry the platform's labels", () => {
      const provider = one(p, T.provider, "eventstack-aws");
      assert.equal(provider.inputs.region, REGION);
      assert.deepEqual(JSON.parse(provider.inputs.defaultTags as string), {
        tags: {
          team: "platform",
          "cost-center": "cc-1042",
          environment: "prod",
          stack: "prod",
          "managed-by": "eventstack",
        },
      });
      const custom = awsResources(p).filter((r) => r.custom);
      assert.deepEqual(namesOf(p, T.fn), ["eventstack-audit-fn", "eventstack-orders-fn"]);
      for (const r of custom) {
        assert.equal(r.provider, `${provider.urn}::${provider.id}`, `${r.type} ${r.name}`);
      }
    });

    it("adds the consumer tag to each consumer's taggable resources", () => {
      for (const [type, name] of [
        [T.fn, "eventstack-orders-fn"],
        [T.role, "eventstack-orders-role"],
        [T.rule, "eventstack-orders-rule"],
        [T.queue, "eventstack-orders-dlq-queue"],
        [T.logGroup, "eventstack-orders-logs"],
        [T.alarm, "eventstack-orders-error-rate"],
      ] as const) {
        assert.deepEqual(inputs(p, type, name).tags, { consumer: "orders" }, name);
      }
    });
  });

  describe("encryption keys", () => {
    const at = { partition: "aws", region: REGION, accountId: ACCOUNT, dnsSuffix: "amazonaws.com" };
    const logGroupArn = (c: string) =>
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/eventstack-prod-${c}`;

    it("encrypts the platform's data with a rotating key whose policy names exactly the bus, rules and log groups", () => {
      const key = inputs(p, T.key, "eventstack-data-key-key");
      assert.equal(key.enableKeyRotation, true);
      assert.equal(key.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
      assert.deepEqual(
        jsonInput(p, T.key, "eventstack-data-key-key", "policy"),
        dataKeyPolicy({
          account: at,
          eventBusArn: busArn,
          eventBridgeQueueArns: ["orders", "audit"].flatMap((c) => [
            `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-${c}-queue`,
            queueArn(c),
          ]),
          operatorRoleArn: str(p, T.role, "eventstack-operator-role", "arn"),
          logGroupArns: [
            logGroupArn("orders"),
            logGroupArn("audit"),
            `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/eventstack/eventstack-prod/vpc-flow-logs`,
          ],
        }),
      );
      assert.equal(
        inputs(p, T.alias, "eventstack-data-key-alias").name,
        "alias/eventstack-prod-data",
      );
    });

    it("keeps alerts and the bus's dead letters on a second rotating key, so a broken data key is still reported", () => {
      assert.equal(inputs(p, T.key, "eventstack-alerts-key-key").enableKeyRotation, true);
      assert.deepEqual(
        jsonInput(p, T.key, "eventstack-alerts-key-key", "policy"),
        alertsKeyPolicy({
          account: at,
          alertTopicArn: topicArn,
          busDeadLetterQueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-bus-dlq`,
        }),
      );
      assert.equal(
        inputs(p, T.alias, "eventstack-alerts-key-alias").name,
        "alias/eventstack-prod-alerts",
      );
      assert.equal(inputs(p, T.topic, "eventstack-alerts-topic").kmsMasterKeyId, alertsKeyArn);
      assert.equal(inputs(p, T.queue, "eventstack-events-dlq-queue").kmsMasterKeyId, alertsKeyArn);
      assert.notEqual(alertsKeyArn, keyArn);
    });

    it("derives the ARNs the key policies name from the resources' real names", () => {
      assert.equal(str(p, T.bus, "eventstack-events-bus", "arn"), busArn);
      assert.equal(topicArn, `arn:aws:sns:${REGION}:${ACCOUNT}:eventstack-prod-alerts`);
      for (const c of ["orders", "audit"]) {
        assert.equal(str(p, T.rule, `eventstack-${c}-rule`, "arn"), rule(c));
        assert.equal(str(p, T.logGroup, `eventstack-${c}-logs`, "arn"), logGroupArn(c));
      }
    });
  });

  describe("bus", () => {
    it("encrypts the bus with the data key and sends what it cannot encrypt to its own dead-letter queue", () => {
      assert.deepEqual(inputs(p, T.bus, "eventstack-events-bus"), {
        name: "eventstack-prod",
        description: "eventstack: CloudEvents published by the platform's producers",
        kmsKeyIdentifier: keyArn,
        deadLetterConfig: { arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-bus-dlq` },
      });
      assert.deepEqual(jsonInput(p, T.queuePolicy, "eventstack-events-dlq-policy", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EventBridgeSendsUndeliverableEvents",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-bus-dlq`,
            Condition: { ArnEquals: { "aws:SourceArn": busArn } },
          },
        ],
      });
      const alarm = inputs(p, T.alarm, "eventstack-events-dlq-depth");
      assert.equal(alarm.metricName, "ApproximateNumberOfMessagesVisible");
      assert.deepEqual(alarm.dimensions, { QueueName: "eventstack-prod-bus-dlq" });
    });

    it("archives every event for the configured 31 days, encrypted with the data key", () => {
      assert.deepEqual(inputs(p, T.archive, "eventstack-events-archive"), {
        name: "eventstack-prod-archive",
        description: "Every event on eventstack-prod, for replay",
        eventSourceArn: busArn,
        retentionDays: 31,
        kmsKeyIdentifier: keyArn,
      });
    });
  });

  describe("consumer orders", () => {
    it("selects its event types on the bus", () => {
      const r = inputs(p, T.rule, "eventstack-orders-rule");
      assert.equal(r.name, "eventstack-prod-orders");
      assert.equal(r.eventBusName, "eventstack-prod");
      assert.equal(r.state, "ENABLED");
      assert.deepEqual(JSON.parse(r.eventPattern as string), {
        "detail-type": ["com.example.order.placed.v1", "com.example.order.cancelled.v1"],
      });
    });

    it("runs the dist/lambda bundle on nodejs24.x arm64 with prod memory, timeout, concurrency, tracing and its own log group", async () => {
      const fn = inputs(p, T.fn, "eventstack-orders-fn");
      assert.equal(fn.name, "eventstack-prod-orders");
      assert.equal(fn.runtime, "nodejs24.x");
      assert.deepEqual(fn.architectures, ["arm64"]);
      assert.equal(fn.handler, "index.queueHandler");
      assert.equal(fn.memorySize, 1024);
      assert.equal(fn.timeout, 300);
      assert.equal(fn.reservedConcurrentExecutions, 100);
      assert.deepEqual(fn.tracingConfig, { mode: "Active" });
      assert.deepEqual(fn.loggingConfig, {
        logFormat: "JSON",
        logGroup: "/aws/lambda/eventstack-prod-orders",
      });
      assert.equal(fn.role, `arn:aws:iam::${ACCOUNT}:role/eventstack-prod-orders-role`);
      const code = fn.code as { path?: Promise<string> };
      assert.equal(await code.path, resolve(__dirname, "../../../dist/lambda"));
    });

    it("passes the contract's environment, the secret by ARN and never its value", () => {
      const secretArn = str(p, T.secret, "eventstack-secrets-orders-api-key", "arn");
      assert.deepEqual(inputs(p, T.fn, "eventstack-orders-fn").environment, {
        variables: {
          CONSUMER_NAME: "orders",
          LOG_LEVEL: "info",
          NODE_OPTIONS: "--enable-source-maps",
          BACKEND_API_KEY_SECRET_ARN: secretArn,
          STATE_STORE: "dynamodb",
          STATE_TABLE: "eventstack-prod-data",
          CONSUMER_TIMEOUT_SECONDS: "300",
        },
      });
      assert.deepEqual(inputs(p, T.fn, "eventstack-audit-fn").environment, {
        variables: {
          CONSUMER_NAME: "audit",
          LOG_LEVEL: "info",
          NODE_OPTIONS: "--enable-source-maps",
          STATE_STORE: "dynamodb",
          STATE_TABLE: "eventstack-prod-data",
          CONSUMER_TIMEOUT_SECONDS: "60",
        },
      });
    });

    it("keeps its logs 90 days, encrypted with the key", () => {
      assert.deepEqual(inputs(p, T.logGroup, "eventstack-orders-logs"), {
        name: "/aws/lambda/eventstack-prod-orders",
        retentionInDays: 90,
        kmsKeyId: keyArn,
        tags: { consumer: "orders" },
      });
    });

    it("targets its delivery queue with a retry policy and a dead-letter queue", () => {
      assert.deepEqual(inputs(p, T.target, "eventstack-orders-target"), {
        rule: "eventstack-prod-orders",
        eventBusName: "eventstack-prod",
        targetId: "consumer-queue",
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-orders-queue`,
        retryPolicy: { maximumRetryAttempts: 9, maximumEventAgeInSeconds: 21600 },
        deadLetterConfig: { arn: queueArn("orders") },
      });
    });

    it("delivers through a key-encrypted queue that dead-letters after maxDeliveryAttempts (10) receives, polled with partial batch responses", () => {
      const deliveryArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-orders-queue`;
      assert.deepEqual(inputs(p, T.queue, "eventstack-orders-delivery-queue"), {
        name: "eventstack-prod-orders-queue",
        visibilityTimeoutSeconds: 1800,
        messageRetentionSeconds: 1209600,
        redrivePolicy: JSON.stringify({
          deadLetterTargetArn: queueArn("orders"),
          maxReceiveCount: 10,
        }),
        kmsMasterKeyId: keyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        tags: { consumer: "orders" },
      });
      assert.deepEqual(jsonInput(p, T.queuePolicy, "eventstack-orders-delivery-policy", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "RuleSendsEvents",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: deliveryArn,
            Condition: { ArnEquals: { "aws:SourceArn": rule("orders") } },
          },
        ],
      });
      assert.deepEqual(
        inputs(p, "aws:lambda/eventSourceMapping:EventSourceMapping", "eventstack-orders-source"),
        {
          eventSourceArn: deliveryArn,
          functionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:eventstack-prod-orders`,
          batchSize: 10,
          functionResponseTypes: ["ReportBatchItemFailures"],
          scalingConfig: { maximumConcurrency: 100 },
        },
      );
      assert.equal(ofType(p, T.permission).length, 0, "EventBridge no longer invokes the function");
    });

    it("retries failed async invocations twice, then sends them to the dead-letter queue", () => {
      assert.deepEqual(inputs(p, T.invokeConfig, "eventstack-orders-async"), {
        functionName: "eventstack-prod-orders",
        maximumRetryAttempts: 2,
        maximumEventAgeInSeconds: 21600,
        destinationConfig: { onFailure: { destination: queueArn("orders") } },
      });
    });

    it("keeps dead letters 14 days in a key-encrypted queue that only its rule and its role may write", () => {
      assert.deepEqual(inputs(p, T.queue, "eventstack-orders-dlq-queue"), {
        name: "eventstack-prod-orders-dlq",
        messageRetentionSeconds: 1209600,
        kmsMasterKeyId: keyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        tags: { consumer: "orders" },
      });
      assert.deepEqual(jsonInput(p, T.queuePolicy, "eventstack-orders-dlq-policy", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EventBridgeSendsUndeliverableEvents",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queueArn("orders"),
            Condition: { ArnEquals: { "aws:SourceArn": rule("orders") } },
          },
          {
            Sid: "FunctionSendsFailedInvocations",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/eventstack-prod-orders-role` },
            Action: "sqs:SendMessage",
            Resource: queueArn("orders"),
          },
        ],
      });
    });

    it("runs as a role only Lambda may assume for this account, with no managed policy", () => {
      assert.deepEqual(jsonInput(p, T.role, "eventstack-orders-role", "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "LambdaAssumesRoleForThisAccount",
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
          },
        ],
      });
      assert.equal(inputs(p, T.role, "eventstack-orders-role").managedPolicyArns, undefined);
      assert.equal(ofType(p, T.attachment).length, 0);
    });

    it("may write its logs and dead letters, read its secret, use the key through SQS and Secrets Manager, trace, and attach to its subnets", () => {
      const secretArn = str(p, T.secret, "eventstack-secrets-orders-api-key", "arn");
      const subnets = outputs(p, T.fn, "eventstack-orders-fn").vpcConfig as {
        subnetIds: string[];
        securityGroupIds: string[];
      };
      const sg = one(p, T.securityGroup, "eventstack-network-functions").id;
      const ec2 = `arn:aws:ec2:${REGION}:${ACCOUNT}`;
      assert.deepEqual(jsonInput(p, T.rolePolicy, "eventstack-orders-permissions", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "WriteOwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/eventstack-prod-orders:*`,
          },
          {
            Sid: "PollOwnQueue",
            Effect: "Allow",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
            Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-orders-queue`,
          },
          {
            Sid: "SendFailedEventsToOwnDeadLetterQueue",
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Resource: queueArn("orders"),
          },
          {
            Sid: "ReadOwnSecret",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: secretArn,
          },
          {
            Sid: "UseOwnItemsInStateTable",
            Effect: "Allow",
            Action: [
              "dynamodb:ConditionCheckItem",
              "dynamodb:DeleteItem",
              "dynamodb:GetItem",
              "dynamodb:PutItem",
              "dynamodb:UpdateItem",
            ],
            Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/eventstack-prod-data`,
            Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["orders#*"] } },
          },
          {
            Sid: "UseKeyForOwnQueueAndSecret",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: keyArn,
            Condition: {
              StringEquals: {
                "kms:ViaService": [
                  `sqs.${REGION}.amazonaws.com`,
                  `secretsmanager.${REGION}.amazonaws.com`,
                  `dynamodb.${REGION}.amazonaws.com`,
                ],
              },
            },
          },
          {
            Sid: "WriteTraces",
            Effect: "Allow",
            Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            Resource: "*",
          },
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
              `${ec2}:network-interface/*`,
              ...vpc.isolatedSubnetIds.map((id) => `${ec2}:subnet/${id}`),
              `${ec2}:security-group/${sg}`,
            ],
          },
        ],
      });
      assert.deepEqual(subnets.subnetIds, vpc.isolatedSubnetIds);
      assert.deepEqual(subnets.securityGroupIds, [sg]);
    });

    it("grants the audit consumer, which has no secret, no secret and the key only through SQS", () => {
      const policy = jsonInput(p, T.rolePolicy, "eventstack-audit-permissions", "policy") as {
        Statement: { Sid: string; Condition?: unknown }[];
      };
      assert.equal(
        policy.Statement.find((s) => s.Sid === "ReadOwnSecret"),
        undefined,
      );
      assert.deepEqual(
        policy.Statement.find((s) => s.Sid === "UseKeyForOwnQueueAndSecret")?.Condition,
        {
          StringEquals: {
            "kms:ViaService": [`sqs.${REGION}.amazonaws.com`, `dynamodb.${REGION}.amazonaws.com`],
          },
        },
      );
    });

    it("applies the audit consumer's own memory, timeout and concurrency", () => {
      const fn = inputs(p, T.fn, "eventstack-audit-fn");
      assert.deepEqual([fn.memorySize, fn.timeout, fn.reservedConcurrentExecutions], [512, 60, 20]);
    });
  });

  describe("alarms", () => {
    it("watches each consumer with eight alarms that notify the alert topic on ALARM and OK", () => {
      const kinds = [
        "error-rate",
        "function-errors",
        "event-age",
        "dlq-depth",
        "destination-failures",
        "rule-failed-invocations",
        "rule-sent-to-dlq",
        "rule-dlq-failures",
      ];
      for (const c of ["orders", "audit"]) {
        for (const kind of kinds) {
          const a = inputs(p, T.alarm, `eventstack-${c}-${kind}`);
          assert.equal(a.name, `eventstack-prod-${c}-${kind}`);
          assert.deepEqual(a.alarmActions, [topicArn], `${c} ${kind}`);
          assert.deepEqual(a.okActions, [topicArn], `${c} ${kind}`);
          assert.equal(a.actionsEnabled, true);
          assert.equal(a.treatMissingData, "notBreaching");
          assert.ok(typeof a.alarmDescription === "string" && a.alarmDescription.length > 40);
        }
      }
      assert.equal(ofType(p, T.alarm).length, 2 * kinds.length + 1);
    });

    it("computes the error rate over 5 minutes from the handler's failed and handled counts, with at least 10 events, and alarms above 5%", () => {
      const a = inputs(p, T.alarm, "eventstack-orders-error-rate");
      assert.equal(a.threshold, 5);
      assert.equal(a.comparisonOperator, "GreaterThanThreshold");
      assert.equal(a.evaluationPeriods, 1);
      const consumer = { consumer: "orders" };
      assert.deepEqual(a.metricQueries, [
        {
          id: "rate",
          expression: "IF(handled >= 10, 100 * failed / handled, 0)",
          label: "Error rate (%)",
          returnData: true,
        },
        {
          id: "failed",
          returnData: false,
          metric: {
            namespace: "eventstack",
            metricName: "failed",
            dimensions: consumer,
            stat: "Sum",
            period: 300,
          },
        },
        {
          id: "handled",
          returnData: false,
          metric: {
            namespace: "eventstack",
            metricName: "processing_time",
            dimensions: consumer,
            stat: "SampleCount",
            period: 300,
          },
        },
      ]);
    });

    it("alarms when a queued event is 60 s older than two visibility timeouts, on any dead letter, and on any rule delivery failure", () => {
      const age = inputs(p, T.alarm, "eventstack-orders-event-age");
      assert.deepEqual(
        [age.metricName, age.statistic, age.threshold, age.period],
        ["ApproximateAgeOfOldestMessage", "Maximum", 60 + 2 * 1800, 300],
      );
      assert.deepEqual(age.dimensions, { QueueName: "eventstack-prod-orders-queue" });
      const depth = inputs(p, T.alarm, "eventstack-orders-dlq-depth");
      assert.deepEqual(depth.dimensions, { QueueName: "eventstack-prod-orders-dlq" });
      assert.deepEqual([depth.namespace, depth.threshold], ["AWS/SQS", 0]);
      for (const [kind, metric] of [
        ["rule-failed-invocations", "FailedInvocations"],
        ["rule-sent-to-dlq", "InvocationsSentToDlq"],
      ]) {
        const a = inputs(p, T.alarm, `eventstack-orders-${kind}`);
        assert.deepEqual(
          [a.namespace, a.metricName, a.statistic, a.threshold, a.period],
          ["AWS/Events", metric, "Sum", 0, 60],
        );
        assert.deepEqual(a.dimensions, {
          EventBusName: "eventstack-prod",
          RuleName: "eventstack-prod-orders",
        });
      }
    });

    it("sends alerts through a key-encrypted topic that only the platform's alarms may publish to, to the on-call email", () => {
      assert.equal(inputs(p, T.topic, "eventstack-alerts-topic").kmsMasterKeyId, alertsKeyArn);
      assert.deepEqual(inputs(p, T.subscription, "eventstack-alerts-email"), {
        topic: topicArn,
        protocol: "email",
        endpoint: "platform-oncall@example.com",
      });
      const policy = jsonInput(p, T.topicPolicy, "eventstack-alerts-policy", "policy") as {
        Statement: unknown[];
      };
      assert.deepEqual(policy.Statement, [
        {
          Sid: "PlatformAlarmsPublish",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topicArn,
          // Each alarm by name: a pattern eventstack-prod-* would admit stack prod-eu's alarms.
          Condition: {
            ArnEquals: {
              "aws:SourceArn": ofType(p, T.alarm)
                .map(
                  (a) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${String(a.inputs.name)}`,
                )
                .sort(),
            },
            StringEquals: { "aws:SourceAccount": ACCOUNT },
          },
        },
      ]);
    });

    it("draws every alarm's figure on the dashboard", () => {
      const body = jsonInput(p, T.dashboard, "eventstack-dashboard", "dashboardBody") as {
        widgets: { type: string; properties: { title?: string; markdown?: string } }[];
      };
      assert.equal(inputs(p, T.dashboard, "eventstack-dashboard").dashboardName, "eventstack-prod");
      assert.deepEqual(
        body.widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown),
        ["## Consumer orders", "## Consumer audit", "## Event bus"],
      );
      assert.equal(
        body.widgets.filter((w) => w.type === "metric").length,
        ofType(p, T.alarm).length,
      );
    });
  });

  describe("secrets", () => {
    it("creates the configured secret encrypted with the key, and a version from its value", () => {
      assert.deepEqual(inputs(p, T.secret, "eventstack-secrets-orders-api-key"), {
        name: "eventstack-prod/orders-api-key",
        description:
          "eventstack secret orders-api-key; read only by the consumers configured with it",
        kmsKeyId: keyArn,
        recoveryWindowInDays: 7,
      });
      assert.deepEqual(
        ofType(p, T.secretVersion).map((v) => v.inputs),
        [
          {
            secretId: one(p, T.secret, "eventstack-secrets-orders-api-key").id,
            secretString: "[secret]",
          },
        ],
      );
    });
  });

  describe("private networking", () => {
    it("builds an awsx VPC with isolated subnets and no NAT gateway", () => {
      assert.deepEqual(inputs(p, T.vpc, "eventstack-network-vpc"), {
        enableDnsHostnames: true,
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: [{ type: "Isolated" }],
        natGateways: { strategy: "None" },
      });
    });

    it("gives the functions a security group with no ingress and HTTPS egress only", () => {
      const sg = inputs(p, T.securityGroup, "eventstack-network-functions");
      assert.deepEqual(sg.ingress, []);
      assert.deepEqual(sg.egress, [
        {
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ["0.0.0.0/0"],
          description: "HTTPS to the interface endpoints (the subnets have no route out)",
        },
      ]);
      assert.equal(sg.vpcId, vpc.vpcId);
    });

    it("reaches Secrets Manager through a private interface endpoint open only to the functions", () => {
      const endpointSg = one(p, T.securityGroup, "eventstack-network-endpoints").id;
      const functionSg = one(p, T.securityGroup, "eventstack-network-functions").id;
      const endpoint = inputs(p, T.endpoint, "eventstack-network-secretsmanager");
      assert.equal(endpoint.serviceName, `com.amazonaws.${REGION}.secretsmanager`);
      assert.equal(endpoint.vpcEndpointType, "Interface");
      assert.equal(endpoint.privateDnsEnabled, true);
      assert.deepEqual(endpoint.subnetIds, vpc.isolatedSubnetIds);
      assert.deepEqual(endpoint.securityGroupIds, [endpointSg]);
      assert.deepEqual(inputs(p, T.securityGroup, "eventstack-network-endpoints").ingress, [
        {
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          securityGroups: [functionSg],
          description: "HTTPS from the functions",
        },
      ]);
      assert.deepEqual(namesOf(p, T.endpoint).sort(), [
        "eventstack-network-dynamodb",
        "eventstack-network-secretsmanager",
      ]);
    });

    it("reaches the shared store through a DynamoDB gateway endpoint on every subnet's route table, for this table only", () => {
      // Without it the functions, in subnets with no route out, could not reach the table at all.
      const endpoint = inputs(p, T.endpoint, "eventstack-network-dynamodb");
      assert.equal(endpoint.serviceName, `com.amazonaws.${REGION}.dynamodb`);
      assert.equal(endpoint.vpcEndpointType, "Gateway");
      assert.equal(endpoint.vpcId, vpc.vpcId);
      const routeTables = endpoint.routeTableIds as string[];
      assert.equal(routeTables.length, (vpc.isolatedSubnetIds as string[]).length);
      for (const id of routeTables) assert.match(id, /^rtb-[0-9a-f]{17}$/);
      const table = one(p, "aws:dynamodb/table:Table", "eventstack-state-table");
      assert.deepEqual(JSON.parse(endpoint.policy as string), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "UseStateTableFromThisAccount",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: [
              "dynamodb:ConditionCheckItem",
              "dynamodb:DeleteItem",
              "dynamodb:GetItem",
              "dynamodb:PutItem",
              "dynamodb:UpdateItem",
            ],
            Resource: [table.outputs.arn],
            Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
          },
        ],
      });
    });
  });

  describe("stack outputs", () => {
    it("exports the bus, each consumer's function, rule and dead-letter queue, the dashboard and a put-events example", () => {
      assert.deepEqual(p.outputs, {
        cloud: "aws",
        environment: "prod",
        busName: "eventstack-prod",
        busArn,
        consumers: {
          orders: {
            functionName: "eventstack-prod-orders",
            ruleArn: rule("orders"),
            deadLetterQueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/eventstack-prod-orders-dlq`,
          },
          audit: {
            functionName: "eventstack-prod-audit",
            ruleArn: rule("audit"),
            deadLetterQueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/eventstack-prod-audit-dlq`,
          },
        },
        alertTopicArn: topicArn,
        dashboardUrl: `https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#dashboards:name=eventstack-prod`,
        publishExample: putEventsCommand(REGION, "eventstack-prod", loadEventBridgeSample()),
        lambdaBundle: p.outputs.lambdaBundle,
        deadLetterOperatorRoleArn: `arn:aws:iam::${ACCOUNT}:role/eventstack-prod-dlq-operator`,
        busDeadLetterQueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/eventstack-prod-bus-dlq`,
      });
      assert.match(
        JSON.stringify(p.outputs.lambdaBundle),
        /"path":"dist\/lambda","sha256":"sha256:[0-9a-f]{64}"/,
      );
    });
  });
});
