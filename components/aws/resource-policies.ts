/**
 * Resource policies: who may send to a dead-letter queue, publish to the alert topic, and call
 * Secrets Manager through the VPC endpoint. Every statement names its principal and scopes it
 * with a condition; none uses a bare `*` principal.
 */
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";

/** Who writes to a dead-letter queue. */
export interface DeadLetterQueuePolicyInput {
  readonly queueArn: string;
  /** The rule (or bus) whose undeliverable events EventBridge sends here. */
  readonly eventSourceArn: string;
  /** The function role that sends failed asynchronous invocations here, if any. */
  readonly functionRoleArn?: string;
}

/** Only EventBridge for this rule, and this consumer's function role, may send. */
export function deadLetterQueuePolicy(input: DeadLetterQueuePolicyInput): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "EventBridgeSendsUndeliverableEvents",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: input.queueArn,
      Condition: { ArnEquals: { "aws:SourceArn": input.eventSourceArn } },
    },
  ];
  if (input.functionRoleArn !== undefined) {
    statements.push({
      Sid: "FunctionSendsFailedInvocations",
      Effect: "Allow",
      Principal: { AWS: input.functionRoleArn },
      Action: "sqs:SendMessage",
      Resource: input.queueArn,
    });
  }
  return policyDocument(statements);
}

/** Who puts events on a consumer's delivery queue. */
export interface DeliveryQueuePolicyInput {
  readonly queueArn: string;
  /** The consumer's rule. */
  readonly ruleArn: string;
}

/**
 * Only EventBridge, for this rule, may send ("Permissions for Amazon SQS" in "Using resource-based
 * policies for Amazon EventBridge",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sqs-permissions).
 */
export function deliveryQueuePolicy(input: DeliveryQueuePolicyInput): PolicyDocument {
  return policyDocument([
    {
      Sid: "RuleSendsEvents",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: input.queueArn,
      Condition: { ArnEquals: { "aws:SourceArn": input.ruleArn } },
    },
  ]);
}

/** Who publishes to the alert topic. */
export interface AlertTopicPolicyInput {
  readonly topicArn: string;
  readonly accountId: string;
  /** ARNs of the platform's alarms, each named exactly. */
  readonly alarmArns: readonly string[];
}

/** Only this stack's CloudWatch alarms may publish. */
export function alertTopicPolicy(input: AlertTopicPolicyInput): PolicyDocument {
  return policyDocument([
    {
      Sid: "PlatformAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: input.topicArn,
      Condition: {
        ArnEquals: { "aws:SourceArn": [...input.alarmArns] },
        StringEquals: { "aws:SourceAccount": input.accountId },
      },
    },
  ]);
}

/** What the Secrets Manager endpoint lets through. */
export interface SecretsEndpointPolicyInput {
  readonly accountId: string;
  readonly secretArns: readonly string[];
}

/**
 * The VPC endpoint carries only reads of the platform's secrets by this account's principals.
 * An endpoint policy cannot name the calling roles before they exist, hence `*` bound by
 * `aws:PrincipalAccount`.
 */
export function secretsEndpointPolicy(input: SecretsEndpointPolicyInput): PolicyDocument {
  return policyDocument([
    {
      Sid: "ReadPlatformSecretsFromThisAccount",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "secretsmanager:GetSecretValue",
      Resource: [...input.secretArns],
      Condition: { StringEquals: { "aws:PrincipalAccount": input.accountId } },
    },
  ]);
}

/** What the DynamoDB gateway endpoint's policy names. */
export interface StateTableEndpointPolicyInput {
  readonly accountId: string;
  readonly tableArn: string;
}

/**
 * The DynamoDB gateway endpoint's policy: only this account's principals, only the item actions
 * the consumers use (the role policies grant them; the endpoint narrows the path further), only on
 * the stack's table ("Control access to DynamoDB using VPC endpoint policies",
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html#vpc-endpoints-policies-ddb).
 */
export function stateTableEndpointPolicy(input: StateTableEndpointPolicyInput): PolicyDocument {
  return policyDocument([
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
      Resource: [input.tableArn],
      Condition: { StringEquals: { "aws:PrincipalAccount": input.accountId } },
    },
  ]);
}
