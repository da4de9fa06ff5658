/**
 * One consumer: a rule on the bus selecting its event types, the Lambda function it targets (with
 * its role, log group and async invoke config), the dead-letter queue both delivery hops fall
 * back to, and the alarms that watch them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ConsumerConfig } from "../config";
import type { AlarmDefinition } from "./alarm-definitions";
import type { AwsAccount } from "./arns";
import { DeadLetterQueue } from "./dead-letter-queue";
import { deliveryPolicy, eventPattern, ruleDescription } from "./delivery";
import { consumerRolePolicy, lambdaTrustPolicy } from "./iam-policies";
import { createMetricAlarms } from "./metric-alarms";
import type { ConsumerNames } from "./names";

/** Log level handed to the handler (`LOG_LEVEL` in the app contract). */
export const HANDLER_LOG_LEVEL = "info";

/** Arguments of {@link Consumer}. */
export interface ConsumerArgs {
  /** The consumer's config, defaults applied. Required. */
  readonly consumer: ConsumerConfig;
  /** Physical names of its resources. Required. */
  readonly names: ConsumerNames;
  /** Partition, region and account the role's policies name. Required. */
  readonly account: pulumi.Input<AwsAccount>;
  /** The bus the rule listens on. Required. */
  readonly busName: pulumi.Input<string>;
  /** Directory holding the Lambda bundle (`dist/lambda`). Required. */
  readonly codePath: string;
  /** Log retention in days (`logRetentionDays`). Required. */
  readonly logRetentionDays: number;
  /** Customer managed key for logs and the queue; when absent, AWS-managed encryption. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** The consumer's secret, when configured. */
  readonly secretArn?: pulumi.Input<string>;
  /** Private subnets and security group, when private networking is on. */
  readonly network?: {
    readonly subnetIds: pulumi.Input<string[]>;
    readonly securityGroupId: pulumi.Input<string>;
  };
  /** Alarms watching this consumer (see `consumerAlarms`). Required. */
  readonly alarms: readonly AlarmDefinition[];
  /** Where the alarms notify. Required. */
  readonly alertTopicArn: pulumi.Input<string>;
}

/** A rule → Lambda consumer with its dead-letter queue and alarms. */
export class Consumer extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly ruleArn: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;

  constructor(name: string, args: ConsumerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:Consumer", name, {}, opts);
    const { consumer, names } = args;
    const tags = { consumer: consumer.name };
    const parent = { parent: this };
    const delivery = deliveryPolicy(consumer);

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: names.role,
        description: `Execution role of ${names.function}`,
        assumeRolePolicy: pulumi
          .output(args.account)
          .apply((a) => JSON.stringify(lambdaTrustPolicy(a.accountId))),
        tags,
      },
      parent,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: names.logGroup,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.kmsKeyArn,
        tags,
      },
      parent,
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        name: names.rule,
        description: ruleDescription(consumer.name, consumer.eventTypes),
        eventBusName: args.busName,
        eventPattern: eventPattern(consumer.eventTypes),
        state: "ENABLED",
        tags,
      },
      parent,
    );
    const dlq = new DeadLetterQueue(
      `${name}-dlq`,
      {
        queueName: names.deadLetterQueue,
        kmsKeyArn: args.kmsKeyArn,
        eventSourceArn: rule.arn,
        functionRoleArn: role.arn,
        tags,
      },
      parent,
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-permissions`,
      {
        role: role.name,
        policy: pulumi
          .all([
            args.account,
            logGroup.arn,
            dlq.arn,
            args.secretArn,
            args.kmsKeyArn,
            args.network?.subnetIds,
            args.network?.securityGroupId,
          ])
          .apply(([account, logGroupArn, deadLetterQueueArn, secretArn, keyArn, subnetIds, sg]) =>
            JSON.stringify(
              consumerRolePolicy({
                account,
                logGroupArn,
                deadLetterQueueArn,
                secretArn,
                keyArn,
                network:
                  subnetIds !== undefined && sg !== undefined
                    ? { subnetIds, securityGroupId: sg }
                    : undefined,
              }),
            ),
          ),
      },
      parent,
    );
    const fn = new aws.lambda.Function(
      `${name}-fn`,
      {
        name: names.function,
        description: `eventstack consumer ${consumer.name}`,
        role: role.arn,
        runtime: aws.lambda.Runtime.NodeJS24dX,
        architectures: ["arm64"],
        handler: "index.handler",
        code: new pulumi.asset.FileArchive(args.codePath),
        memorySize: consumer.memoryMb,
        timeout: consumer.timeoutSeconds,
        reservedConcurrentExecutions: consumer.reservedConcurrency,
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
        environment: {
          variables: {
            CONSUMER_NAME: consumer.name,
            LOG_LEVEL: HANDLER_LOG_LEVEL,
            NODE_OPTIONS: "--enable-source-maps",
            ...(args.secretArn !== undefined ? { BACKEND_API_KEY_SECRET_ARN: args.secretArn } : {}),
          },
        },
        vpcConfig: args.network
          ? { subnetIds: args.network.subnetIds, securityGroupIds: [args.network.securityGroupId] }
          : undefined,
        tags,
      },
      // Lambda checks the role's VPC permissions on creation; logs must land in the explicit group.
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      {
        function: fn.name,
        action: "lambda:InvokeFunction",
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: rule.name,
        eventBusName: args.busName,
        targetId: "consumer-function",
        arn: fn.arn,
        retryPolicy: delivery.target,
        deadLetterConfig: { arn: dlq.arn },
      },
      { parent: this, dependsOn: [permission] },
    );
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      {
        functionName: fn.name,
        maximumRetryAttempts: delivery.invoke.maximumRetryAttempts,
        maximumEventAgeInSeconds: delivery.invoke.maximumEventAgeInSeconds,
        destinationConfig: { onFailure: { destination: dlq.arn } },
      },
      // Lambda checks that the role may send to the destination.
      { parent: this, dependsOn: [rolePolicy] },
    );
    createMetricAlarms(name, args.alarms, args.alertTopicArn, tags, parent);

    this.functionName = fn.name;
    this.ruleArn = rule.arn;
    this.deadLetterQueueUrl = dlq.url;
    this.registerOutputs({
      functionName: this.functionName,
      ruleArn: this.ruleArn,
      deadLetterQueueUrl: this.deadLetterQueueUrl,
    });
  }
}
