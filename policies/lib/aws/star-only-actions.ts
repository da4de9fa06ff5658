/**
 * Actions an identity policy may grant on `Resource: "*"`.
 *
 * Source: the AWS Service Authorization Reference ("Actions, resources, and condition keys for
 * <service>", https://docs.aws.amazon.com/service-authorization/latest/reference/), where these
 * actions list no resource type — AWS only accepts `"*"` for them.
 *
 * Anything not listed must name its resources. `logs:CreateLogGroup` is not here: it accepts a
 * log-group ARN. Nor are the EC2 network-interface actions Lambda uses in a VPC
 * (`ec2:CreateNetworkInterface`, `DeleteNetworkInterface`, `Assign/UnassignPrivateIpAddresses`):
 * AWS's `AWSLambdaVPCAccessExecutionRole` grants them on `"*"`, but they accept
 * `network-interface/*`, subnet and security-group ARNs, so least privilege scopes them.
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
  // EC2 read-only describes (Lambda in a VPC calls these).
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
  // EC2 describes a deployer of private networking calls (awsx's VPC): EC2 "Describe*" actions
  // support no resource-level permissions.
  "ec2:DescribeRouteTables",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeNatGateways",
  "ec2:DescribeAddresses",
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribePrefixLists",
  // KMS: a key cannot be named before it exists (CreateKey lists no resource type).
  "kms:CreateKey",
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
