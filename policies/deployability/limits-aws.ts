/**
 * What AWS's APIs accept in the properties this platform sets, one row per limit, each citing the
 * API reference it comes from. Tag counts are the label rule's (`rules/label-limits.ts`), since
 * they add the provider's default tags.
 */
import type { LimitRow } from "./limit";

const LAMBDA = "https://docs.aws.amazon.com/lambda/latest/api";
const IAM = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const SQS = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference";
const EVENTS = "https://docs.aws.amazon.com/eventbridge/latest/APIReference";
const CW = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference";
const LOGS = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference";
const SNS = "https://docs.aws.amazon.com/sns/latest/api";
const KMS = "https://docs.aws.amazon.com/kms/latest/APIReference";
const SM = "https://docs.aws.amazon.com/secretsmanager/latest/apireference";
const EC2 = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference";

const FN = "aws:lambda/function:Function";
const ASYNC = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const ROLE = "aws:iam/role:Role";
const QUEUE = "aws:sqs/queue:Queue";
const BUS = "aws:cloudwatch/eventBus:EventBus";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ARCHIVE = "aws:cloudwatch/eventArchive:EventArchive";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** CloudWatch Logs' retention values (PutRetentionPolicy). */
export const LOG_RETENTION_VALUES = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

const EVENT_NAME = {
  kind: "pattern",
  pattern: /^[.\-_A-Za-z0-9]+$/,
  allowed: "letters, digits, ., - and _",
} as const;

export const AWS_LIMITS: readonly LimitRow[] = [
  // Lambda
  {
    type: FN,
    property: "name",
    check: { kind: "length", min: 1, max: 64 },
    doc: `${LAMBDA}/API_CreateFunction.html`,
  },
  {
    type: FN,
    property: "name",
    check: { kind: "pattern", pattern: /^[a-zA-Z0-9_-]+$/, allowed: "letters, digits, - and _" },
    doc: `${LAMBDA}/API_CreateFunction.html`,
  },
  {
    type: FN,
    property: "memorySize",
    check: { kind: "range", min: 128, max: 10240 },
    doc: `${LAMBDA}/API_CreateFunction.html`,
  },
  {
    type: FN,
    property: "timeout",
    check: { kind: "range", min: 1, max: 900 },
    doc: `${LAMBDA}/API_CreateFunction.html`,
  },
  {
    type: FN,
    property: "description",
    check: { kind: "length", min: 0, max: 256 },
    doc: `${LAMBDA}/API_CreateFunction.html`,
  },
  {
    type: FN,
    property: "reservedConcurrentExecutions",
    check: { kind: "range", min: -1, max: 1_000_000 },
    doc: `${LAMBDA}/API_PutFunctionConcurrency.html`,
  },
  {
    type: ASYNC,
    property: "maximumEventAgeInSeconds",
    check: { kind: "range", min: 60, max: 21600 },
    doc: `${LAMBDA}/API_PutFunctionEventInvokeConfig.html`,
  },
  {
    type: ASYNC,
    property: "maximumRetryAttempts",
    check: { kind: "range", min: 0, max: 2 },
    doc: `${LAMBDA}/API_PutFunctionEventInvokeConfig.html`,
  },
  // IAM
  {
    type: ROLE,
    property: "name",
    check: { kind: "length", min: 1, max: 64 },
    doc: `${IAM}/API_CreateRole.html`,
  },
  {
    type: ROLE,
    property: "name",
    check: { kind: "pattern", pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and +=,.@_-" },
    doc: `${IAM}/API_CreateRole.html`,
  },
  {
    type: ROLE,
    property: "description",
    check: { kind: "length", min: 0, max: 1000 },
    doc: `${IAM}/API_CreateRole.html`,
  },
  {
    type: ROLE,
    property: "maxSessionDuration",
    check: { kind: "range", min: 3600, max: 43200 },
    doc: `${IAM}/API_CreateRole.html`,
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    property: "name",
    check: { kind: "length", min: 1, max: 128 },
    doc: `${IAM}/API_PutRolePolicy.html`,
  },
  // SQS
  {
    type: QUEUE,
    property: "name",
    check: { kind: "length", min: 1, max: 80 },
    doc: `${SQS}/API_CreateQueue.html`,
  },
  {
    type: QUEUE,
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
      allowed: "letters, digits, - and _ (and .fifo at the end)",
    },
    doc: `${SQS}/API_CreateQueue.html`,
  },
  {
    type: QUEUE,
    property: "messageRetentionSeconds",
    check: { kind: "range", min: 60, max: 1209600 },
    doc: `${SQS}/API_SetQueueAttributes.html`,
  },
  {
    type: QUEUE,
    property: "visibilityTimeoutSeconds",
    check: { kind: "range", min: 0, max: 43200 },
    doc: `${SQS}/API_SetQueueAttributes.html`,
  },
  {
    type: QUEUE,
    property: "delaySeconds",
    check: { kind: "range", min: 0, max: 900 },
    doc: `${SQS}/API_SetQueueAttributes.html`,
  },
  {
    type: QUEUE,
    property: "receiveWaitTimeSeconds",
    check: { kind: "range", min: 0, max: 20 },
    doc: `${SQS}/API_SetQueueAttributes.html`,
  },
  {
    type: QUEUE,
    property: "kmsDataKeyReusePeriodSeconds",
    check: { kind: "range", min: 60, max: 86400 },
    doc: `${SQS}/API_SetQueueAttributes.html`,
  },
  // EventBridge
  {
    type: BUS,
    property: "name",
    check: { kind: "length", min: 1, max: 256 },
    doc: `${EVENTS}/API_CreateEventBus.html`,
  },
  {
    type: BUS,
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^[/.\-_A-Za-z0-9]+$/,
      allowed: "letters, digits, /, ., - and _",
    },
    doc: `${EVENTS}/API_CreateEventBus.html`,
  },
  {
    type: RULE,
    property: "name",
    check: { kind: "length", min: 1, max: 64 },
    doc: `${EVENTS}/API_PutRule.html`,
  },
  { type: RULE, property: "name", check: EVENT_NAME, doc: `${EVENTS}/API_PutRule.html` },
  {
    type: RULE,
    property: "description",
    check: { kind: "length", min: 0, max: 512 },
    doc: `${EVENTS}/API_PutRule.html`,
  },
  {
    type: TARGET,
    property: "targetId",
    check: { kind: "length", min: 1, max: 64 },
    doc: `${EVENTS}/API_Target.html`,
  },
  { type: TARGET, property: "targetId", check: EVENT_NAME, doc: `${EVENTS}/API_Target.html` },
  {
    type: TARGET,
    property: "retryPolicy.maximumRetryAttempts",
    check: { kind: "range", min: 0, max: 185 },
    doc: `${EVENTS}/API_RetryPolicy.html`,
  },
  {
    type: TARGET,
    property: "retryPolicy.maximumEventAgeInSeconds",
    check: { kind: "range", min: 60, max: 86400 },
    doc: `${EVENTS}/API_RetryPolicy.html`,
  },
  {
    type: ARCHIVE,
    property: "name",
    check: { kind: "length", min: 1, max: 48 },
    doc: `${EVENTS}/API_CreateArchive.html`,
  },
  { type: ARCHIVE, property: "name", check: EVENT_NAME, doc: `${EVENTS}/API_CreateArchive.html` },
  {
    type: ARCHIVE,
    property: "retentionDays",
    check: { kind: "range", min: 0, max: 2_147_483_647 },
    doc: `${EVENTS}/API_CreateArchive.html`,
  },
  // CloudWatch
  {
    type: ALARM,
    property: "name",
    check: { kind: "length", min: 1, max: 255 },
    doc: `${CW}/API_PutMetricAlarm.html`,
  },
  {
    type: ALARM,
    property: "alarmDescription",
    check: { kind: "length", min: 0, max: 1024 },
    doc: `${CW}/API_PutMetricAlarm.html`,
  },
  {
    type: ALARM,
    property: "alarmActions",
    check: { kind: "count", max: 5 },
    doc: `${CW}/API_PutMetricAlarm.html`,
  },
  {
    type: LOG_GROUP,
    property: "name",
    check: { kind: "length", min: 1, max: 512 },
    doc: `${LOGS}/API_CreateLogGroup.html`,
  },
  {
    type: LOG_GROUP,
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^[.\-_/#A-Za-z0-9]+$/,
      allowed: "letters, digits and ._-/#",
    },
    doc: `${LOGS}/API_CreateLogGroup.html`,
  },
  {
    type: LOG_GROUP,
    property: "retentionInDays",
    check: { kind: "oneOf", values: LOG_RETENTION_VALUES },
    doc: `${LOGS}/API_PutRetentionPolicy.html`,
  },
  {
    type: "aws:cloudwatch/dashboard:Dashboard",
    property: "dashboardName",
    check: { kind: "length", min: 1, max: 255 },
    doc: `${CW}/API_PutDashboard.html`,
  },
  {
    type: "aws:cloudwatch/dashboard:Dashboard",
    property: "dashboardName",
    check: { kind: "pattern", pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, - and _" },
    doc: `${CW}/API_PutDashboard.html`,
  },
  // SNS
  {
    type: "aws:sns/topic:Topic",
    property: "name",
    check: { kind: "length", min: 1, max: 256 },
    doc: `${SNS}/API_CreateTopic.html`,
  },
  {
    type: "aws:sns/topic:Topic",
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
      allowed: "letters, digits, - and _ (and .fifo at the end)",
    },
    doc: `${SNS}/API_CreateTopic.html`,
  },
  // KMS
  {
    type: "aws:kms/alias:Alias",
    property: "name",
    check: { kind: "length", min: 7, max: 256 },
    doc: `${KMS}/API_CreateAlias.html`,
  },
  {
    type: "aws:kms/alias:Alias",
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^alias\/(?!aws\/)[a-zA-Z0-9/_-]+$/,
      allowed: "alias/ followed by letters, digits, /, _ and - (not alias/aws/)",
    },
    doc: `${KMS}/API_CreateAlias.html`,
  },
  {
    type: "aws:kms/key:Key",
    property: "deletionWindowInDays",
    check: { kind: "range", min: 7, max: 30 },
    doc: `${KMS}/API_ScheduleKeyDeletion.html`,
  },
  {
    type: "aws:kms/key:Key",
    property: "rotationPeriodInDays",
    check: { kind: "range", min: 90, max: 2560 },
    doc: `${KMS}/API_EnableKeyRotation.html`,
  },
  // Secrets Manager
  {
    type: "aws:secretsmanager/secret:Secret",
    property: "name",
    check: { kind: "length", min: 1, max: 512 },
    doc: `${SM}/API_CreateSecret.html`,
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^[A-Za-z0-9/_+=.@-]+$/,
      allowed: "letters, digits and /_+=.@-",
    },
    doc: `${SM}/API_CreateSecret.html`,
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    property: "recoveryWindowInDays",
    check: {
      kind: "oneOf",
      values: [
        0, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        30,
      ],
    },
    doc: `${SM}/API_DeleteSecret.html`,
  },
  // EC2
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    property: "name",
    check: { kind: "length", min: 1, max: 255 },
    doc: `${EC2}/API_CreateSecurityGroup.html`,
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    property: "description",
    check: { kind: "length", min: 0, max: 255 },
    doc: `${EC2}/API_CreateSecurityGroup.html`,
  },
  // DynamoDB
  {
    type: "aws:dynamodb/table:Table",
    property: "name",
    check: { kind: "length", min: 3, max: 255 },
    doc: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
  },
  {
    type: "aws:dynamodb/table:Table",
    property: "name",
    check: { kind: "pattern", pattern: /^[A-Za-z0-9_.-]+$/, allowed: "letters, digits, _ . and -" },
    doc: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
  },
];
