/**
 * The named role operators assume to work on dead letters, and what it may decrypt. A dead-letter
 * queue receives two record shapes: events EventBridge could not deliver (the event as the body;
 * `detail-type: "Encrypted Events"` with the payload still encrypted under the bus's key when the
 * failure was a KMS one) and Lambda on-failure records (the event in `requestPayload`). Reading
 * either from a queue under a customer managed key needs `kms:Decrypt` through SQS; an
 * `Encrypted Events` payload needs a direct `kms:Decrypt` with the bus's encryption context
 * (EventBridge "Decrypting events in EventBridge dead-letter queues",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-dlq-decrypt.html).
 * The key policies name the role for the direct call (see `./key-policy.ts`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountRootArn, serviceHost, type AwsAccount } from "./arns";
import { policyDocument, type PolicyDocument } from "./policy-document";

/**
 * Trust policy: the configured principal (`eventstack:operatorPrincipalArn`), or else principals of
 * the deploying account, as their own IAM policies allow.
 */
export function operatorTrustPolicy(account: AwsAccount, principalArn?: string): PolicyDocument {
  return policyDocument([
    principalArn === undefined
      ? {
          Sid: "AccountPrincipalsAssumeOperatorRole",
          Effect: "Allow",
          Principal: { AWS: accountRootArn(account) },
          Action: "sts:AssumeRole",
        }
      : {
          Sid: "OperatorPrincipalAssumesOperatorRole",
          Effect: "Allow",
          Principal: { AWS: principalArn },
          Action: "sts:AssumeRole",
        },
  ]);
}

/** What the role reads, removes and puts back. */
export interface OperatorDeadLetterInput {
  /** Every dead-letter queue of the stack: each consumer's and the bus's own. */
  readonly deadLetterQueueArns: readonly string[];
  /** The bus dead letters are put back on. */
  readonly eventBusArn: string;
}

/**
 * The calls `npm run dlq` makes (app/dlq/aws-queue.ts, app/dlq/aws-bus.ts), on the stack's
 * dead-letter queues and bus only. The batch calls it makes (`DeleteMessageBatch`,
 * `ChangeMessageVisibilityBatch`) are authorised by `sqs:DeleteMessage` and
 * `sqs:ChangeMessageVisibility` (SQS "Amazon SQS batch actions", Permissions,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api.html).
 * No `kms:GenerateDataKey`: the command never sends to a queue, and EventBridge encrypts a put
 * event under the bus's key with its own key-policy grant (EventBridge "Authorizing EventBridge to
 * use a customer managed key",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html).
 */
export function operatorDeadLetterPolicy(input: OperatorDeadLetterInput): PolicyDocument {
  return policyDocument([
    {
      Sid: "ReadAndRemoveDeadLetters",
      Effect: "Allow",
      Action: [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:ReceiveMessage",
      ],
      Resource: [...new Set(input.deadLetterQueueArns)].sort(),
    },
    {
      Sid: "RedriveToTheBus",
      Effect: "Allow",
      Action: "events:PutEvents",
      Resource: input.eventBusArn,
    },
  ]);
}

/** What the role decrypts. */
export interface OperatorDecryptInput {
  readonly account: AwsAccount;
  /** The bus whose `Encrypted Events` payloads the role decrypts. */
  readonly eventBusArn: string;
  /** The key encrypting the bus (and the payload of `Encrypted Events`). */
  readonly dataKeyArn: string;
  /** Every key that encrypts a dead-letter queue. */
  readonly deadLetterKeyArns: readonly string[];
}

/** The role's decrypt grant: dead letters through SQS, `Encrypted Events` payloads directly. */
export function operatorDecryptPolicy(input: OperatorDecryptInput): PolicyDocument {
  return policyDocument([
    {
      Sid: "ReadEncryptedDeadLetterQueues",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: [...new Set(input.deadLetterKeyArns)].sort(),
      Condition: { StringEquals: { "kms:ViaService": serviceHost(input.account, "sqs") } },
    },
    {
      Sid: "DecryptEncryptedEventsPayloads",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: input.dataKeyArn,
      Condition: {
        StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": input.eventBusArn },
      },
    },
  ]);
}

/** Arguments of {@link OperatorAccess}. */
export interface OperatorAccessArgs {
  /** The role's physical name (`names.operatorRole`). Required. */
  readonly roleName: string;
  /** Partition, region and account of the stack. Required. */
  readonly account: pulumi.Input<AwsAccount>;
  /** Who may assume the role (`eventstack:operatorPrincipalArn`). Default: the account. */
  readonly principalArn?: string;
}

/** The dead-letter operator role; {@link OperatorAccess.grantDecrypt} adds the KMS grant. */
export class OperatorAccess extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  private readonly account: pulumi.Input<AwsAccount>;
  private readonly name: string;

  constructor(name: string, args: OperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:OperatorAccess", name, {}, opts);
    this.account = args.account;
    this.name = name;
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "eventstack operators: read, decrypt and redrive dead-lettered events",
        assumeRolePolicy: pulumi
          .output(args.account)
          .apply((a) => JSON.stringify(operatorTrustPolicy(a, args.principalArn))),
      },
      { parent: this },
    );
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn });
  }

  /** Lets the role read and remove the stack's dead letters and put them back on the bus. */
  grantDeadLetters(args: {
    readonly deadLetterQueueArns: pulumi.Input<string[]>;
    readonly eventBusArn: pulumi.Input<string>;
  }): aws.iam.RolePolicy {
    return new aws.iam.RolePolicy(
      `${this.name}-dead-letters`,
      {
        role: this.roleName,
        policy: pulumi
          .all([args.deadLetterQueueArns, args.eventBusArn])
          .apply(([deadLetterQueueArns, eventBusArn]) =>
            JSON.stringify(operatorDeadLetterPolicy({ deadLetterQueueArns, eventBusArn })),
          ),
      },
      { parent: this },
    );
  }

  /**
   * Lets the role decrypt dead letters under the stack's customer managed keys. Created after the
   * keys, whose policies name the role (a key policy naming a role that does not exist yet is
   * refused by KMS: `MalformedPolicyDocumentException`).
   */
  grantDecrypt(args: {
    readonly eventBusArn: pulumi.Input<string>;
    readonly dataKeyArn: pulumi.Input<string>;
    readonly deadLetterKeyArns: readonly pulumi.Input<string>[];
  }): aws.iam.RolePolicy {
    return new aws.iam.RolePolicy(
      `${this.name}-decrypt`,
      {
        role: this.roleName,
        policy: pulumi
          .all([
            this.account,
            args.eventBusArn,
            args.dataKeyArn,
            pulumi.all([...args.deadLetterKeyArns]),
          ])
          .apply(([account, eventBusArn, dataKeyArn, deadLetterKeyArns]) =>
            JSON.stringify(
              operatorDecryptPolicy({ account, eventBusArn, dataKeyArn, deadLetterKeyArns }),
            ),
          ),
      },
      { parent: this },
    );
  }
}
