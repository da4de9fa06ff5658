/**
 * One consumer: a rule on the bus selecting its event types, the SQS queue it delivers to, the
 * Lambda function polling that queue with partial batch responses (with its role, log group and
 * async invoke config for stray asynchronous calls), the dead-letter queue every hop falls back
 * to, and the alarms that watch them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ConsumerConfig } from "../config";
import type { AlarmDefinition } from "./alarm-definitions";
import type { AwsAccount } from "./arns";
import { ConsumerQueue } from "./consumer-queue";
import { DeadLetterQueue } from "./dead-letter-queue";
import {
  BATCH_SIZE,
  LAMBDA_MAX_ASYNC_RETRIES,
  deliveryPolicy,
  eventPattern,
  ruleDescription,
} from "./delivery";
import { consumerRolePolicy, lambdaTrustPolicy } from "./iam-policies";
import { createMetricAlarms } from "./metric-alarms";
import type { ConsumerNames } from "./names";
import { withStateful, type StatefulOptions } from "./protection";

/** Log level handed to the handler (`LOG_LEVEL` in the app contract). */
export const HANDLER_LOG_LEVEL = "info";

/** The bundle's SQS batch entry point (app/lambda/index.ts `queueHandler`). */
export const HANDLER = "index.queueHandler";

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
    /**
     * What the function's network interfaces are moved to before it is deleted, so the functions'
     * security group is free to delete at once (the VPC's default group).
     */
    readonly replacementSecurityGroupId: pulumi.Input<string>;
  };
  /** Alarms watching this consumer (see `consumerAlarms`). Required. */
  readonly alarms: readonly AlarmDefinition[];
  /** Where the alarms notify. Required. */
  readonly alertTopicArn: pulumi.Input<string>;
  /** Protection of the queues and the log group (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
  /** The stack's shared DynamoDB table; when absent, the in-memory store. */
  readonly stateTable?: {
    readonly name: pulumi.Input<string>;
    readonly arn: pulumi.Input<string>;
  };
  /**
   * The function's own code: a directory and handler (zip) or an ECR image pinned by digest.
   * Default: the sample bundle at `codePath` with {@link HANDLER}.
   */
  readonly code?:
    | { readonly kind: "zip"; readonly path: string; readonly handler: string }
    | { readonly kind: "image"; readonly imageUri: string };
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
      withStateful(parent, args.stateful),
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
        stateful: args.stateful,
      },
      parent,
    );
    const queue = new ConsumerQueue(
      `${name}-delivery`,
      {
        queueName: names.queue,
        kmsKeyArn: args.kmsKeyArn,
        ruleArn: rule.arn,
        deadLetterQueueArn: dlq.arn,
        delivery: delivery.queue,
        tags,
        stateful: args.stateful,
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
            queue.arn,
            args.secretArn,
            args.kmsKeyArn,
            args.network && pulumi.all([args.network.subnetIds, args.network.securityGroupId]),
            args.stateTable?.arn,
          ])
          .apply(
            ([
              account,
              logGroupArn,
              deadLetterQueueArn,
              queueArn,
              secretArn,
              keyArn,
              placement,
              tableArn,
            ]) =>
              JSON.stringify(
                consumerRolePolicy({
                  account,
                  logGroupArn,
                  deadLetterQueueArn,
                  queueArn,
                  secretArn,
                  keyArn,
                  network:
                    placement === undefined
                      ? undefined
                      : { subnetIds: placement[0], securityGroupId: placement[1] },
                  stateTable:
                    tableArn === undefined ? undefined : { arn: tableArn, consumer: consumer.name },
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
        architectures: ["arm64"],
        // A container image carries its own runtime and entry point.
        ...(args.code?.kind === "image"
          ? { packageType: "Image", imageUri: args.code.imageUri }
          : {
              packageType: "Zip",
              runtime: aws.lambda.Runtime.NodeJS24dX,
              handler: args.code?.handler ?? HANDLER,
              code: new pulumi.asset.FileArchive(args.code?.path ?? args.codePath),
            }),
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
            ...(args.stateTable !== undefined
              ? {
                  STATE_STORE: "dynamodb",
                  STATE_TABLE: args.stateTable.name,
                  // An in-progress claim expires once the invocation can no longer be running.
                  CONSUMER_TIMEOUT_SECONDS: String(consumer.timeoutSeconds),
                }
              : {}),
            // The consumer's own plain variables; the config model refuses every name set here.
            ...consumer.env,
          },
        },
        vpcConfig: args.network
          ? { subnetIds: args.network.subnetIds, securityGroupIds: [args.network.securityGroupId] }
          : undefined,
        // Lambda keeps a deleted function's network interfaces for up to 45 minutes, and while
        // they hold the functions' security group it cannot be deleted: moving them to the
        // default group first frees it ("replace_security_groups_on_destroy", Terraform AWS
        // provider lambda_function docs; Lambda "Giving Lambda functions access to resources in
        // an Amazon VPC", deleting network interfaces).
        ...(args.network
          ? {
              replaceSecurityGroupsOnDestroy: true,
              replacementSecurityGroupIds: [args.network.replacementSecurityGroupId],
            }
          : {}),
        tags,
      },
      // Lambda checks the role's VPC permissions on creation and uses them to remove its network
      // interfaces on deletion: depending on the policy makes Pulumi create it before and delete
      // it after the function. Logs must land in the explicit group.
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: rule.name,
        eventBusName: args.busName,
        targetId: "consumer-queue",
        arn: queue.arn,
        retryPolicy: delivery.target,
        deadLetterConfig: { arn: dlq.arn },
      },
      { parent: this, dependsOn: [queue.policy] },
    );
    new aws.lambda.EventSourceMapping(
      `${name}-source`,
      {
        eventSourceArn: queue.arn,
        functionName: fn.arn,
        batchSize: BATCH_SIZE,
        // The handler names the records it failed; only those return to the queue
        // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
        functionResponseTypes: ["ReportBatchItemFailures"],
        scalingConfig:
          delivery.maximumConcurrency === undefined
            ? undefined
            : { maximumConcurrency: delivery.maximumConcurrency },
      },
      // Lambda checks that the role may poll the queue.
      { parent: this, dependsOn: [rolePolicy] },
    );
    // Events arrive through the queue; an asynchronous call made by hand is kept too.
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      {
        functionName: fn.name,
        maximumRetryAttempts: LAMBDA_MAX_ASYNC_RETRIES,
        maximumEventAgeInSeconds: consumer.maxEventAgeSeconds,
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
