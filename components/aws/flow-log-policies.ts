/**
 * IAM of the VPC flow logs: the VPC Flow Logs service assumes a role that writes to one log group
 * (VPC "IAM role for publishing flow logs to CloudWatch Logs",
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html).
 */
import { policyDocument, type PolicyDocument } from "./policy-document";

/** Only VPC Flow Logs, and only for this account (confused-deputy guard). */
export function flowLogTrustPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "FlowLogsAssumeRoleForThisAccount",
      Effect: "Allow",
      Principal: { Service: "vpc-flow-logs.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/** Writes streams and events of the flow log group only (`arn` without `:*`). */
export function flowLogRolePolicy(logGroupArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "WriteFlowLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
      Resource: [logGroupArn, `${logGroupArn}:*`],
    },
  ]);
}
