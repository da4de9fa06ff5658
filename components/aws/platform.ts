/**
 * The AWS platform: publisher → EventBridge bus → rules → Lambda consumers, each with a
 * dead-letter queue, a least-privilege role and alarms; tags set once on the provider.
 */
import { resolve } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireBuildArtifact } from "../build-artifact";
import type { PlatformConfig } from "../config";
import type { Platform, PlatformArgs } from "../platform";
import { busAlarms, consumerAlarms } from "./alarm-definitions";
import { AlertTopic } from "./alert-topic";
import { alarmArn, eventBusArn, logGroupArn, queueArn, topicArn, type AwsAccount } from "./arns";
import { Consumer } from "./consumer";
import { dashboardBody, dashboardUrl, type DashboardSection } from "./dashboard";
import { deliveryPolicy, eventPatternProblem } from "./delivery";
import { EncryptionKey } from "./encryption-key";
import { EventBus } from "./event-bus";
import { alertsKeyPolicy, dataKeyPolicy } from "./key-policy";
import { platformNames } from "./names";
import { Network } from "./network";
import { OperatorAccess } from "./operator-access";
import { statefulOptions } from "./protection";
import { accountGuardProblem, awsProviderSettings } from "./provider-settings";
import { loadEventBridgeSample, putEventsCommand } from "./publish-example";
import { Secrets } from "./secrets";
import { resolveFunctionCode } from "./consumer-code";
import { StateTable, stateTableName } from "./state-table";

/** The project directory (this file lives in `components/aws/`). */
const PROJECT_DIR = resolve(__dirname, "..", "..");

/** The Lambda bundle `npm run build` writes (see the app contract). */
export const LAMBDA_BUNDLE_DIR = resolve(PROJECT_DIR, "dist", "lambda");

/** The bundle's entry file, the handler `index.handler` lives in. */
export const LAMBDA_BUNDLE_ENTRY = "index.mjs";

/** Throws `InputPropertyError` for config AWS would reject; returns the region. */
export function validateForAws(config: PlatformConfig): { region: string } {
  if (config.location.cloud !== "aws") {
    throw new pulumi.InputPropertyError({
      propertyPath: "eventstack:cloud",
      reason: `the AWS platform needs eventstack:cloud "aws", got ${JSON.stringify(config.cloud)}`,
    });
  }
  config.consumers.forEach((c, i) => {
    const reason = eventPatternProblem(c.name, c.eventTypes);
    if (reason !== undefined) {
      throw new pulumi.InputPropertyError({
        propertyPath: `eventstack:consumers[${i}].eventTypes`,
        reason,
      });
    }
  });
  return { region: config.location.region };
}

/** The AWS implementation of the eventstack platform. */
export class AwsPlatform extends pulumi.ComponentResource implements Platform {
  readonly stackOutputs: Platform["stackOutputs"];

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:Platform", name, {}, opts);
    const { config } = args;
    const { region } = validateForAws(config);
    // Read before registering anything: a missing sample fails the program, not half a deployment.
    const sample = loadEventBridgeSample();
    const bundle = requireBuildArtifact(LAMBDA_BUNDLE_DIR, LAMBDA_BUNDLE_ENTRY, PROJECT_DIR);
    const codes = config.consumers.map((c, i) => resolveFunctionCode(c, i, region, PROJECT_DIR));
    const cmk = config.customerManagedKeys;
    const names = platformNames(name, config.stack);
    const consumerNames = config.consumers.map((c) => names.consumer(c.name));
    const stateful = statefulOptions(config.environment);
    // The stack's aws:* settings (profile, assumeRoles, allowedAccountIds, …), which an explicit
    // provider does not read by itself.
    const settings = awsProviderSettings(pulumi.runtime.allConfig());

    // Every AWS resource below inherits this provider, and with it the platform's tags.
    const provider = new aws.Provider(
      `${name}-aws`,
      { ...settings, region, defaultTags: { tags: { ...config.labels } } },
      { parent: this },
    );
    const inAws = { parent: this, provider };
    const partition = aws.getPartitionOutput({}, inAws);
    const identity = aws.getCallerIdentityOutput({}, inAws);
    const account = pulumi.all([partition, identity]).apply(([p, id]): AwsAccount => {
      // Every policy names the account, so a disallowed one stops the plan before anything else.
      const problem = accountGuardProblem(settings, id.accountId);
      if (problem !== undefined) throw new Error(problem);
      return { partition: p.partition, dnsSuffix: p.dnsSuffix, region, accountId: id.accountId };
    });

    // Named in the data key's policy, so it exists before the key.
    const operator = new OperatorAccess(
      `${name}-operator`,
      { roleName: names.operatorRole, account, principalArn: config.operatorPrincipalArn },
      inAws,
    );

    // The alerts key keeps the paths that report a broken data key independent of it.
    const alertsKey = new EncryptionKey(
      `${name}-alerts-key`,
      {
        description: `eventstack ${config.stack}: alert notifications and the bus's dead letters`,
        alias: names.alertsKeyAlias,
        stateful,
        policy: account.apply((at) =>
          JSON.stringify(
            alertsKeyPolicy({
              account: at,
              alertTopicArn: topicArn(at, names.alertTopic),
              busDeadLetterQueueArn: cmk ? queueArn(at, names.busDeadLetterQueue) : undefined,
            }),
          ),
        ),
      },
      inAws,
    );
    const dataKeyArn = cmk
      ? new EncryptionKey(
          `${name}-data-key`,
          {
            description: `eventstack ${config.stack}: events, dead letters, logs and secrets`,
            alias: names.dataKeyAlias,
            stateful,
            policy: pulumi.all([account, operator.roleArn]).apply(([at, operatorRoleArn]) =>
              JSON.stringify(
                dataKeyPolicy({
                  account: at,
                  eventBusArn: eventBusArn(at, names.bus),
                  eventBridgeQueueArns: consumerNames.flatMap((n) => [
                    queueArn(at, n.queue),
                    queueArn(at, n.deadLetterQueue),
                  ]),
                  operatorRoleArn,
                  logGroupArns: [
                    ...consumerNames.map((n) => logGroupArn(at, n.logGroup)),
                    ...(config.privateNetworking ? [logGroupArn(at, names.flowLogGroup)] : []),
                  ],
                }),
              ),
            ),
          },
          inAws,
        ).arn
      : undefined;

    if (dataKeyArn !== undefined) {
      operator.grantDecrypt({
        eventBusArn: account.apply((at) => eventBusArn(at, names.bus)),
        dataKeyArn,
        deadLetterKeyArns: [dataKeyArn, alertsKey.arn],
      });
    }

    operator.grantDeadLetters({
      deadLetterQueueArns: account.apply((at) => [
        ...consumerNames.map((n) => queueArn(at, n.deadLetterQueue)),
        ...(cmk ? [queueArn(at, names.busDeadLetterQueue)] : []),
      ]),
      eventBusArn: account.apply((at) => eventBusArn(at, names.bus)),
    });

    const consumerAlarmSets = config.consumers.map((consumer, i) =>
      consumerAlarms({
        stack: config.stack,
        names: consumerNames[i] ?? names.consumer(consumer.name),
        busName: names.bus,
        reservedConcurrency: consumer.reservedConcurrency,
        timeoutSeconds: consumer.timeoutSeconds,
        visibilityTimeoutSeconds: deliveryPolicy(consumer).queue.visibilityTimeoutSeconds,
        alerting: config.alerting,
      }),
    );
    const busAlarmDefinitions = cmk
      ? busAlarms({
          stack: config.stack,
          alarmPrefix: names.busAlarmPrefix,
          busName: names.bus,
          deadLetterQueue: names.busDeadLetterQueue,
        })
      : [];
    const alarmNames = [...consumerAlarmSets.flat(), ...busAlarmDefinitions].map((a) => a.name);

    const alerts = new AlertTopic(
      `${name}-alerts`,
      {
        topicName: names.alertTopic,
        kmsKeyArn: alertsKey.arn,
        email: config.alerting.email,
        accountId: identity.accountId,
        alarmArns: account.apply((at) => alarmNames.map((a) => alarmArn(at, a)).sort()),
        stateful,
      },
      inAws,
    );
    const bus = new EventBus(
      `${name}-events`,
      {
        busName: names.bus,
        archiveName: names.archive,
        retentionDays: config.eventRetentionDays,
        kmsKeyArn: dataKeyArn,
        deadLetterQueue: cmk,
        deadLetterKmsKeyArn: alertsKey.arn,
        deadLetterQueueName: names.busDeadLetterQueue,
        busArn: account.apply((at) => eventBusArn(at, names.bus)),
        alarms: busAlarmDefinitions,
        alertTopicArn: alerts.arn,
        stateful,
      },
      inAws,
    );
    const secrets =
      config.secrets.length > 0
        ? new Secrets(
            `${name}-secrets`,
            {
              secrets: config.secrets,
              physicalName: names.secret,
              kmsKeyArn: dataKeyArn,
              recoveryWindowDays: config.secretRecoveryWindowDays,
              stateful,
            },
            inAws,
          )
        : undefined;
    const secretArnOf = (secret: string | undefined) =>
      secret === undefined ? undefined : secrets?.arns[secret];
    const readSecrets = [...new Set(config.consumers.flatMap((c) => (c.secret ? [c.secret] : [])))];
    const network = config.privateNetworking
      ? new Network(
          `${name}-network`,
          {
            flowLogGroupName: names.flowLogGroup,
            flowLogRoleName: names.flowLogRole,
            flowLogRetentionDays: config.logRetentionDays,
            kmsKeyArn: dataKeyArn,
            stateful,
            secretsEndpoint: readSecrets.length > 0,
            secretsManagerServiceName: partition.apply(
              (p) => `${p.reverseDnsPrefix}.${region}.secretsmanager`,
            ),
            secretArns: readSecrets.flatMap((s) => secretArnOf(s) ?? []),
            accountId: identity.accountId,
            dynamoDbServiceName: partition.apply((p) => `${p.reverseDnsPrefix}.${region}.dynamodb`),
            // Named before the table exists (it is created after the network), as its name is fixed.
            stateTableArn: pulumi
              .all([partition, identity])
              .apply(
                ([p, id]) =>
                  `arn:${p.partition}:dynamodb:${region}:${id.accountId}:table/${stateTableName(names.prefix)}`,
              ),
          },
          inAws,
        )
      : undefined;

    const state = new StateTable(
      `${name}-state`,
      {
        tableName: stateTableName(names.prefix),
        kmsKeyArn: dataKeyArn,
        production: config.environment === "prod",
        stateful,
      },
      inAws,
    );

    const consumers = config.consumers.map((consumer, i) => {
      const n = consumerNames[i] ?? names.consumer(consumer.name);
      const alarms = consumerAlarmSets[i] ?? [];
      const component = new Consumer(
        `${name}-${consumer.name}`,
        {
          consumer,
          names: n,
          account,
          busName: bus.name,
          codePath: bundle.path,
          logRetentionDays: config.logRetentionDays,
          kmsKeyArn: dataKeyArn,
          secretArn: secretArnOf(consumer.secret),
          network: network && {
            subnetIds: network.privateSubnetIds,
            securityGroupId: network.functionSecurityGroupId,
            replacementSecurityGroupId: network.defaultSecurityGroupId,
          },
          alarms,
          alertTopicArn: alerts.arn,
          stateful,
          stateTable: { name: state.name, arn: state.arn },
          code: codes[i],
        },
        inAws,
      );
      return { name: consumer.name, alarms, component };
    });

    const sections: DashboardSection[] = [
      ...consumers.map((c) => ({ title: `Consumer ${c.name}`, alarms: c.alarms })),
      ...(busAlarmDefinitions.length > 0
        ? [{ title: "Event bus", alarms: busAlarmDefinitions }]
        : []),
    ];
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: names.dashboard,
        dashboardBody: JSON.stringify(dashboardBody(region, sections)),
      },
      inAws,
    );

    this.stackOutputs = {
      cloud: config.cloud,
      environment: config.environment,
      busName: bus.name,
      busArn: bus.arn,
      consumers: Object.fromEntries(
        consumers.map((c) => [
          c.name,
          {
            functionName: c.component.functionName,
            ruleArn: c.component.ruleArn,
            deadLetterQueueUrl: c.component.deadLetterQueueUrl,
          },
        ]),
      ),
      alertTopicArn: alerts.arn,
      dashboardUrl: dashboard.dashboardName.apply((d) => dashboardUrl(region, d)),
      publishExample: bus.name.apply((b) => putEventsCommand(region, b, sample)),
      // Which build the functions package, so a deployment names the bundle it shipped.
      lambdaBundle: { path: bundle.displayPath, sha256: bundle.sha256 },
      // Operators assume it to read, decrypt and redrive dead letters (alarm runbooks name it).
      deadLetterOperatorRoleArn: operator.roleArn,
      // The bus's own dead letters (`npm run dlq -- … --consumer bus`), with a customer managed key.
      ...(bus.deadLetterQueueUrl ? { busDeadLetterQueueUrl: bus.deadLetterQueueUrl } : {}),
    };
    this.registerOutputs(this.stackOutputs);
  }
}
