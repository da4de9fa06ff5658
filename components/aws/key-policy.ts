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

/** EventBridge writes undeliverable events to queues encrypted with the key, for these sources. */
function eventBridgeWritesDeadLetters(sourceArns: readonly string[]): PolicyStatement {
  return {
    Sid: "EventBridgeWritesDeadLetterQueues",
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { ArnEquals: { "aws:SourceArn": [...sourceArns] } },
  };
}

/** What the alerts key protects. */
export interface AlertsKeyPolicyInput {
  readonly account: AwsAccount;
  /** The alert topic; alarms publish to it through SNS. */
  readonly alertTopicArn: string;
  /** The bus, when it has a dead-letter queue under this key. */
  readonly busDeadLetterSourceArn?: string;
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
  if (input.busDeadLetterSourceArn !== undefined) {
    statements.push(
      // Operators read and redrive the bus's dead letters.
      accountUseVia("AccountUsesKeyThroughSqs", account, ["sqs"]),
      eventBridgeWritesDeadLetters([input.busDeadLetterSourceArn]),
    );
  }
  return policyDocument(statements);
}

/** What the data key protects. */
export interface DataKeyPolicyInput {
  readonly account: AwsAccount;
  readonly eventBusArn: string;
  /** Rules whose undeliverable events EventBridge writes to the consumers' queues. */
  readonly ruleArns: readonly string[];
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
    eventBridgeWritesDeadLetters(input.ruleArns),
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
