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

/** Who publishes to the alert topic. */
export interface AlertTopicPolicyInput {
  readonly topicArn: string;
  readonly accountId: string;
  /** ARN pattern of the platform's alarms. */
  readonly alarmArnPattern: string;
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
        ArnLike: { "aws:SourceArn": input.alarmArnPattern },
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
