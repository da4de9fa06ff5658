/**
 * The cloud identity of the AWS resource types this platform (and most programs) create: which
 * properties name the resource, and in what scope the name must be unique. Two resources of one
 * stack with the same identity are the same cloud object: the second create fails with
 * "already exists" (or, for some APIs, silently takes over the first).
 */
export interface IdentityRow {
  /** The name's properties, joined with `/` (e.g. a rule's bus and name); `?` marks an optional one. */
  readonly nameProperties: readonly string[];
  /** `account`: unique in the account (IAM); `region`: unique per account and region. */
  readonly scope: "account" | "region";
  /** The document that says the name is unique there. */
  readonly doc: string;
}

export const AWS_IDENTITIES: Readonly<Record<string, IdentityRow>> = {
  "aws:sqs/queue:Queue": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html",
  },
  "aws:dynamodb/table:Table": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
  },
  "aws:lambda/function:Function": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
  },
  "aws:iam/role:Role": {
    nameProperties: ["name"],
    scope: "account",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
  },
  "aws:iam/rolePolicy:RolePolicy": {
    nameProperties: ["role", "name"],
    scope: "account",
    doc: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
  },
  "aws:cloudwatch/eventBus:EventBus": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html",
  },
  "aws:cloudwatch/eventRule:EventRule": {
    nameProperties: ["eventBusName?", "name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    nameProperties: ["eventBusName?", "rule", "targetId"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html",
  },
  "aws:cloudwatch/eventArchive:EventArchive": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateArchive.html",
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    nameProperties: ["name"],
    scope: "region",
    // PutMetricAlarm with an existing name *updates* that alarm: the second silently wins.
    doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    nameProperties: ["dashboardName"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html",
  },
  "aws:sns/topic:Topic": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
  },
  "aws:kms/alias:Alias": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
  },
  "aws:secretsmanager/secret:Secret": {
    nameProperties: ["name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html",
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    nameProperties: ["vpcId", "name"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  },
  "aws:lambda/permission:Permission": {
    nameProperties: ["function", "statementId"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
  },
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": {
    nameProperties: ["functionName", "qualifier?"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html",
  },
  "aws:sqs/queuePolicy:QueuePolicy": {
    nameProperties: ["queueUrl"],
    scope: "region",
    // One policy per queue: SetQueueAttributes replaces the Policy attribute.
    doc: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html",
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    nameProperties: ["arn"],
    scope: "region",
    doc: "https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html",
  },
};
