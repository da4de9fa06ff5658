/**
 * The platform's customer managed KMS key, with yearly automatic rotation and an alias.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withStateful, type StatefulOptions } from "./protection";

/** Arguments of {@link EncryptionKey}. */
export interface EncryptionKeyArgs {
  /** What the key protects, shown in the KMS console. Required. */
  readonly description: string;
  /** Alias name without `alias/`. Required. */
  readonly alias: string;
  /** The key policy JSON (see `./key-policy.ts`). Required. */
  readonly policy: pulumi.Input<string>;
  /** Protection of the stateful resources (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
}

/** A symmetric KMS key with rotation on. */
export class EncryptionKey extends pulumi.ComponentResource {
  /** The key's ARN, for `kmsKeyId`-style arguments. */
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:EncryptionKey", name, {}, opts);
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: args.description,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: args.policy,
      },
      withStateful({ parent: this }, args.stateful),
    );
    new aws.kms.Alias(
      `${name}-alias`,
      { name: `alias/${args.alias}`, targetKeyId: key.keyId },
      { parent: this },
    );
    this.arn = key.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
