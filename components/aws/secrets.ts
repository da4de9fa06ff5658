/**
 * The Secrets Manager secrets named in `eventstack:secrets`, with their values from Pulumi secret
 * config when given (otherwise set out of band, e.g. by `aws secretsmanager put-secret-value`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SecretConfig } from "../config";
import { withStateful, type StatefulOptions } from "./protection";

/** Arguments of {@link Secrets}. */
export interface SecretsArgs {
  /** The configured secrets. Required (may be empty). */
  readonly secrets: readonly SecretConfig[];
  /** Physical name of a secret from its config name. Required. */
  readonly physicalName: (name: string) => string;
  /** Customer managed key; when absent, the AWS managed `aws/secretsmanager` key. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /**
   * Days a deleted secret stays restorable, its name taken meanwhile: 0 or 7-30
   * (`secretRecoveryWindowDays`). Required.
   */
  readonly recoveryWindowDays: number;
  /** Protection of the stateful resources (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
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
          // DeleteSecret schedules deletion after the window and keeps the name until then, so a
          // redeploy within it fails with "already scheduled for deletion"; 0 deletes at once
          // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html).
          recoveryWindowInDays: args.recoveryWindowDays,
        },
        withStateful({ parent: this }, args.stateful),
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
