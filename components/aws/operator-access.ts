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

/** Trust policy: principals of the deploying account, as their own IAM policies allow. */
export function operatorTrustPolicy(account: AwsAccount): PolicyDocument {
  return policyDocument([
    {
      Sid: "AccountPrincipalsAssumeOperatorRole",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(account) },
      Action: "sts:AssumeRole",
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
          .apply((a) => JSON.stringify(operatorTrustPolicy(a))),
      },
      { parent: this },
    );
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn });
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
