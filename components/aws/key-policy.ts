/**
 * Policies of the platform's two customer managed KMS keys. The account administers each key;
 * each AWS service gets exactly the operations it performs, bound to the platform's resources.
 *
 * - The alerts key encrypts the alert topic and the bus's dead-letter queue: the paths that
 *   report a broken data key must not depend on it. It always exists, because alarms cannot
 *   publish to a topic under the AWS managed `alias/aws/sns` key (its policy does not admit
 *   CloudWatch).
 * - The data key (`customerManagedKeys`) encrypts the bus and its archive, the consumers'
 *   dead-letter queues, their log groups and the secrets.
 *
 * Sources: EventBridge "Authorizing EventBridge to use a customer managed key" and "Encrypting
 * archives"; CloudWatch Logs "Encrypt log data using AWS KMS"; SQS "Key management"; AWS
 * knowledge center "Configure a CloudWatch alarm with an encrypted SNS topic".
 */
import { accountRootArn, serviceHost, type AwsAccount } from "./arns";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";

/**
 * What the account's administrators may do with a key: manage it, never use it to decrypt.
 * Spelled out (no `kms:*`, no `kms:Create*`) so a reviewer sees every right granted.
 */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

function administration(account: AwsAccount): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(account) },
    Action: [...KEY_ADMIN_ACTIONS],
    Resource: "*",
  };
}

/** The account's principals (authorised by their IAM policies) use the key only via `services`. */
function accountUseVia(
  sid: string,
  account: AwsAccount,
  services: readonly string[],
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: accountRootArn(account) },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: {
      StringEquals: {
        "kms:ViaService": services.map((s) => serviceHost(account, s)),
        "kms:CallerAccount": account.accountId,
      },
    },
  };
}

/**
 * EventBridge writes events to queues encrypted with the key: the consumers' delivery queues (rule
 * targets) and every dead-letter queue it sends undeliverable events to.
 *
 * Bound by the queue, not by the rule: AWS documents this key-policy statement without a source
 * condition (SQS "Key management", "Configure KMS permissions for AWS services",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html)
 * and documents `aws:SourceArn` only on the queue policy's `sqs:SendMessage` (EventBridge "Granting
 * permissions to the dead-letter queue", eb-rule-dlq), not on the KMS call SQS makes for
 * EventBridge; a condition on a key the request lacks fails, so every dead letter would be lost.
 * The queue's ARN is the encryption context SQS binds to every data key (`aws:sqs:arn`), present
 * on each such call; the queue policies still admit only the platform's rules.
 */
function eventBridgeWritesQueues(queueArns: readonly string[]): PolicyStatement {
  return {
    Sid: "EventBridgeWritesQueues",
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "kms:EncryptionContext:aws:sqs:arn": [...queueArns] } },
  };
}

/**
 * The operator role decrypts the payload of an `Encrypted Events` record (an event EventBridge
 * could not process, put in a dead-letter queue still encrypted under the bus's key) with the AWS
 * Encryption SDK, which calls `kms:Decrypt` directly with the bus's encryption context (EventBridge
 * "Decrypting events in EventBridge dead-letter queues",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-dlq-decrypt.html;
 * the context: "Encrypting EventBridge event buses with AWS KMS keys", event bus encryption
 * context). Named directly, not via the account, so no other principal gains a direct decrypt.
 */
function operatorDecryptsEncryptedEvents(operatorRoleArn: string, busArn: string): PolicyStatement {
  return {
    Sid: "OperatorDecryptsEncryptedEvents",
    Effect: "Allow",
    Principal: { AWS: operatorRoleArn },
    Action: "kms:Decrypt",
    Resource: "*",
    Condition: { StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": busArn } },
  };
}

/** What the alerts key protects. */
export interface AlertsKeyPolicyInput {
  readonly account: AwsAccount;
  /** The alert topic; alarms publish to it through SNS. */
  readonly alertTopicArn: string;
  /** The bus's dead-letter queue, when the bus has one under this key. */
  readonly busDeadLetterQueueArn?: string;
}

/** The alerts key: alarms publish to the topic; EventBridge writes the bus's dead letters. */
export function alertsKeyPolicy(input: AlertsKeyPolicyInput): PolicyDocument {
  const { account } = input;
  const statements: PolicyStatement[] = [
    administration(account),
    {
      Sid: "AlarmsPublishToAlertTopic",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": input.alertTopicArn },
      },
    },
  ];
  if (input.busDeadLetterQueueArn !== undefined) {
    statements.push(
      // Operators read and redrive the bus's dead letters.
      accountUseVia("AccountUsesKeyThroughSqs", account, ["sqs"]),
      eventBridgeWritesQueues([input.busDeadLetterQueueArn]),
    );
  }
  return policyDocument(statements);
}

/** What the data key protects. */
export interface DataKeyPolicyInput {
  readonly account: AwsAccount;
  readonly eventBusArn: string;
  /** The consumers' delivery and dead-letter queues, which EventBridge writes to. */
  readonly eventBridgeQueueArns: readonly string[];
  /** The role operators assume to read dead letters (see `./operator-access.ts`). */
  readonly operatorRoleArn: string;
  /** Log groups CloudWatch Logs encrypts with the key. */
  readonly logGroupArns: readonly string[];
}

/** The data key: bus and archive, consumer dead letters, logs, secrets. */
export function dataKeyPolicy(input: DataKeyPolicyInput): PolicyDocument {
  const { account } = input;
  return policyDocument([
    administration(account),
    // Deployers write secret values, operators read and redrive dead letters, and the functions'
    // roles (granted in their own policies) read secrets and write failures.
    accountUseVia("AccountUsesKeyThroughSecretsManagerAndSqs", account, ["secretsmanager", "sqs"]),
    // The shared table: DynamoDB creates a grant for the table when it is created with the key and
    // uses the key with the callers' permissions ("How Amazon DynamoDB uses AWS KMS", key policy
    // for a customer managed key,
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html).
    {
      Sid: "AccountUsesKeyThroughDynamoDb",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(account) },
      Action: [
        "kms:CreateGrant",
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
      ],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": serviceHost(account, "dynamodb"),
          "kms:CallerAccount": account.accountId,
        },
      },
    },
    {
      Sid: "EventBridgeDescribesKey",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
    },
    {
      Sid: "EventBridgeEncryptsBusAndArchive",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
      Resource: "*",
      Condition: {
        StringEquals: {
          "aws:SourceAccount": account.accountId,
          "kms:EncryptionContext:aws:events:event-bus:arn": input.eventBusArn,
        },
      },
    },
    eventBridgeWritesQueues(input.eventBridgeQueueArns),
    operatorDecryptsEncryptedEvents(input.operatorRoleArn, input.eventBusArn),
    {
      Sid: "LogsEncryptFunctionLogs",
      Effect: "Allow",
      Principal: { Service: serviceHost(account, "logs") },
      Action: [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
      ],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [...input.logGroupArns] } },
    },
  ]);
}
