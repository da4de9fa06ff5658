/**
 * Actions an identity policy may grant on `Resource: "*"`.
 *
 * Source: the AWS Service Authorization Reference ("Actions, resources, and condition keys for
 * <service>", https://docs.aws.amazon.com/service-authorization/latest/reference/), where these
 * actions list no resource type — AWS only accepts `"*"` for them. The EC2 network-interface
 * actions are the exception kept deliberately: Lambda's VPC networking calls them on interfaces it
 * creates itself, and AWS's own `AWSLambdaVPCAccessExecutionRole` grants them on `"*"`.
 *
 * Anything not listed must name its resources. `logs:CreateLogGroup` is not here: it accepts a
 * log-group ARN and is scoped like any other action.
 */
export const STAR_ONLY_ACTIONS: readonly string[] = [
  // X-Ray: tracing from Lambda and the X-Ray daemon.
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
  // CloudWatch metrics (scope with the cloudwatch:namespace condition key instead).
  "cloudwatch:PutMetricData",
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  // EC2 network interfaces for Lambda in a VPC (see above) and read-only describes.
  "ec2:CreateNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DeleteNetworkInterface",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
  // Account-wide listings and lookups.
  "sts:GetCallerIdentity",
  "ecr:GetAuthorizationToken",
  "kms:ListAliases",
  "kms:ListKeys",
  "sqs:ListQueues",
  "sns:ListTopics",
  "lambda:ListFunctions",
  "logs:DescribeLogGroups",
  "secretsmanager:ListSecrets",
  "secretsmanager:GetRandomPassword",
  "ssm:DescribeParameters",
];

const STAR_ONLY = new Set(STAR_ONLY_ACTIONS.map((a) => a.toLowerCase()));

/** True when AWS accepts only `Resource: "*"` for `action` (IAM action names are case-insensitive). */
export function isStarOnlyAction(action: string): boolean {
  return STAR_ONLY.has(action.toLowerCase());
}
