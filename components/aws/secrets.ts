/**
 * The Secrets Manager secrets named in `eventstack:secrets`, with their values from Pulumi secret
 * config when given (otherwise set out of band, e.g. by `aws secretsmanager put-secret-value`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SecretConfig } from "../config";

/** Arguments of {@link Secrets}. */
export interface SecretsArgs {
  /** The configured secrets. Required (may be empty). */
  readonly secrets: readonly SecretConfig[];
  /** Physical name of a secret from its config name. Required. */
  readonly physicalName: (name: string) => string;
  /** Customer managed key; when absent, the AWS managed `aws/secretsmanager` key. */
  readonly kmsKeyArn?: pulumi.Input<string>;
}

/** One Secrets Manager secret per configured name. */
export class Secrets extends pulumi.ComponentResource {
  /** Secret ARN by config name. */
  readonly arns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: SecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:Secrets", name, {}, opts);
    const arns: Record<string, pulumi.Output<string>> = {};
    for (const s of args.secrets) {
      const secret = new aws.secretsmanager.Secret(
        `${name}-${s.name}`,
        {
          name: args.physicalName(s.name),
          description: `eventstack secret ${s.name}; read only by the consumers configured with it`,
          kmsKeyId: args.kmsKeyArn,
        },
        { parent: this },
      );
      if (s.value !== undefined) {
        new aws.secretsmanager.SecretVersion(
          `${name}-${s.name}-value`,
          { secretId: secret.id, secretString: s.value },
          { parent: this },
        );
      }
      arns[s.name] = secret.arn;
    }
    this.arns = arns;
    this.registerOutputs({ arns: this.arns });
  }
}
