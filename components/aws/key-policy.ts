/**
 * The policy of the platform's customer managed KMS key: the account administers the key, and
 * each AWS service gets exactly the operations it performs, bound to the platform's resources.
 *
 * Sources: EventBridge "Authorizing EventBridge to use a customer managed key" and "Encrypting
 * archives"; CloudWatch Logs "Encrypt log data using AWS KMS"; SQS "Key management"; the AWS
 * knowledge-center article on alarms publishing to KMS-encrypted SNS topics (the AWS managed
 * `alias/aws/sns` key cannot be used for that, so the alert topic always uses this key).
 */
import { accountRootArn, serviceHost, type AwsAccount } from "./arns";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";

/**
 * What the account's administrators may do with the key: manage it, never use it to decrypt.
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

/** The resources whose encryption the key policy must allow. */
export interface KeyPolicyInput {
  readonly account: AwsAccount;
  /** The alert topic; alarms publish to it through SNS. */
  readonly alertTopicArn: string;
  /**
   * Set when the key also encrypts the platform's data (`customerManagedKeys`); absent, the key
   * only serves the alert topic.
   */
  readonly data?: {
    readonly eventBusArn: string;
    /** Rules (and the bus) whose undeliverable events EventBridge writes to encrypted queues. */
    readonly deadLetterSourceArns: readonly string[];
    /** Log groups CloudWatch Logs encrypts with the key. */
    readonly logGroupArns: readonly string[];
  };
}

/** Builds the key policy document. */
export function keyPolicy(input: KeyPolicyInput): PolicyDocument {
  const { account, data } = input;
  const statements: PolicyStatement[] = [
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(account) },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: "*",
    },
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
  if (data === undefined) return policyDocument(statements);

  statements.push(
    {
      // Deployers write secret values, operators read and redrive dead-lettered events, and the
      // functions' roles (granted in their own policies) read secrets and write failures — all
      // only through those two services, only from this account.
      Sid: "AccountUsesKeyThroughSecretsManagerAndSqs",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(account) },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": [serviceHost(account, "secretsmanager"), serviceHost(account, "sqs")],
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
          "kms:EncryptionContext:aws:events:event-bus:arn": data.eventBusArn,
        },
      },
    },
    {
      Sid: "EventBridgeWritesDeadLetterQueues",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { ArnEquals: { "aws:SourceArn": [...data.deadLetterSourceArns] } },
    },
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
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [...data.logGroupArns] } },
    },
  );
  return policyDocument(statements);
}
