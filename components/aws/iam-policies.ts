/**
 * The consumer functions' IAM: who may assume the role, and what the role may do — each
 * statement scoped to the consumer's own log group, queue, secret and key.
 */
import { serviceHost, type AwsAccount } from "./arns";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";
import { stateTableStatement } from "./state-table";

/**
 * Actions that AWS authorises only on `"Resource": "*"` (they have no resource types in the
 * Service Authorization Reference), and the only ones this project grants on `*`:
 * - X-Ray: `PutTraceSegments`, `PutTelemetryRecords` (Lambda "Using AWS Lambda with AWS X-Ray");
 * - EC2 `Describe*` calls Lambda makes to attach a function to a VPC (Lambda "Giving Lambda
 *   functions access to resources in an Amazon VPC": DescribeNetworkInterfaces "only works if
 *   it's allowed on all resources").
 */
export const ACTIONS_ONLY_ON_ALL_RESOURCES = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
] as const;

/** The network interface actions Lambda performs with the execution role in a VPC. */
export const NETWORK_INTERFACE_ACTIONS = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:CreateNetworkInterface",
  "ec2:DeleteNetworkInterface",
  "ec2:UnassignPrivateIpAddresses",
] as const;

/** Trust policy: only Lambda, and only on behalf of this account (confused-deputy guard). */
export function lambdaTrustPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "LambdaAssumesRoleForThisAccount",
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/** The consumer's own resources its role may use. */
export interface ConsumerRolePolicyInput {
  readonly account: AwsAccount;
  /** The log group's ARN without `:*`. */
  readonly logGroupArn: string;
  readonly deadLetterQueueArn: string;
  /** The delivery queue the function polls. */
  readonly queueArn: string;
  /** The consumer's secret, when it has one. */
  readonly secretArn?: string;
  /** The customer managed key encrypting the queue and secret, when `customerManagedKeys`. */
  readonly keyArn?: string;
  /** The VPC placement, when private networking is on. */
  readonly network?: { readonly subnetIds: readonly string[]; readonly securityGroupId: string };
  /** The stack's shared table and the consumer whose items (`<consumer>#…`) the role may use. */
  readonly stateTable?: { readonly arn: string; readonly consumer: string };
}

/** Builds the role's inline policy. */
export function consumerRolePolicy(input: ConsumerRolePolicyInput): PolicyDocument {
  const { account } = input;
  const statements: PolicyStatement[] = [
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${input.logGroupArn}:*`,
    },
    {
      // The event source mapping polls as the role: AWSLambdaSQSQueueExecutionRole's actions,
      // scoped to the one queue (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
      Sid: "PollOwnQueue",
      Effect: "Allow",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
      Resource: input.queueArn,
    },
    {
      // Lambda sends failed asynchronous invocations to the on-failure destination as the role.
      Sid: "SendFailedEventsToOwnDeadLetterQueue",
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: input.deadLetterQueueArn,
    },
  ];
  if (input.secretArn !== undefined) {
    statements.push({
      Sid: "ReadOwnSecret",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: input.secretArn,
    });
  }
  if (input.stateTable !== undefined) {
    statements.push(stateTableStatement(input.stateTable.arn, input.stateTable.consumer));
  }
  if (input.keyArn !== undefined) {
    const via = [serviceHost(account, "sqs")];
    if (input.secretArn !== undefined) via.push(serviceHost(account, "secretsmanager"));
    // DynamoDB decrypts the table's data keys with the caller's permissions.
    if (input.stateTable !== undefined) via.push(serviceHost(account, "dynamodb"));
    statements.push({
      Sid: "UseKeyForOwnQueueAndSecret",
      Effect: "Allow",
      // SendMessage to a KMS-encrypted queue needs both; ReceiveMessage and GetSecretValue Decrypt.
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: input.keyArn,
      Condition: { StringEquals: { "kms:ViaService": via } },
    });
  }
  statements.push({
    Sid: "WriteTraces",
    Effect: "Allow",
    Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
    Resource: "*",
  });
  if (input.network !== undefined) {
    const ec2 = `arn:${account.partition}:ec2:${account.region}:${account.accountId}`;
    statements.push(
      {
        Sid: "DescribeNetworkForVpcAttachment",
        Effect: "Allow",
        Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
        Resource: "*",
      },
      {
        Sid: "ManageOwnNetworkInterfaces",
        Effect: "Allow",
        Action: [...NETWORK_INTERFACE_ACTIONS],
        Resource: [
          `${ec2}:network-interface/*`,
          ...input.network.subnetIds.map((id) => `${ec2}:subnet/${id}`),
          `${ec2}:security-group/${input.network.securityGroupId}`,
        ],
      },
    );
  }
  return policyDocument(statements);
}
