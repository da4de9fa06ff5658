/**
 * Secret Manager secrets named by config; a version is created from the value when config holds
 * one (a Pulumi secret, encrypted in the stack file).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { SecretConfig } from "../config";

/** Arguments of {@link GcpSecrets}. */
export interface GcpSecretsArgs {
  readonly project: string;
  /** Region of the replica when a customer-managed key is used. No default. */
  readonly region: string;
  /** The secrets from config. No default. */
  readonly secrets: readonly SecretConfig[];
  /** Secret id for a configured name. No default. */
  readonly secretId: (name: string) => string;
  /** Customer-managed key; undefined means automatic replication, Google-managed keys. No default. */
  readonly kmsKeyName: pulumi.Input<string> | undefined;
  /** Refuse to delete the secrets (on in prod). No default. */
  readonly deletionProtection: boolean;
  /** Labels for the secrets. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Protect the secrets (on in prod), and disable a replaced version rather than destroy it.
   * No default.
   */
  readonly protect: boolean;
}

/** One created secret. */
export interface CreatedSecret {
  readonly secret: gcp.secretmanager.Secret;
  /** The version created from config, if config holds a value. */
  readonly version: gcp.secretmanager.SecretVersion | undefined;
}

/** What a consumer needs of its secret: the secret, the version number to pin, what to wait for. */
export interface ConsumerSecretRef {
  readonly id: pulumi.Output<string>;
  readonly secretId: pulumi.Output<string>;
  readonly version: pulumi.Output<string>;
  readonly ready: pulumi.Resource[];
}

/**
 * The reference a consumer's service mounts. A secret without a version in the stack cannot be
 * mounted (Cloud Run resolves secrets before an instance starts), so this refuses it; the config
 * model refuses it first, with the command that sets the value.
 */
export function consumerSecret(
  consumer: string,
  secretName: string | undefined,
  created: CreatedSecret,
): ConsumerSecretRef {
  if (created.version === undefined) {
    throw new pulumi.InputPropertyError({
      propertyPath: `consumers.${consumer}.secret`,
      reason: `secret ${JSON.stringify(secretName)} has no value; set it with: pulumi config set --secret --path 'eventstack:secretValues.${secretName ?? ""}' <value>`,
    });
  }
  return {
    id: created.secret.id,
    secretId: created.secret.secretId,
    version: created.version.version,
    ready: [created.version],
  };
}

/** The platform's secrets. */
export class GcpSecrets extends pulumi.ComponentResource {
  /** Created secrets by configured name. */
  readonly byName: ReadonlyMap<string, CreatedSecret>;

  constructor(name: string, args: GcpSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Secrets", name, {}, opts);
    const byName = new Map<string, CreatedSecret>();
    for (const entry of args.secrets) {
      const secretId = args.secretId(entry.name);
      const secret = new gcp.secretmanager.Secret(
        `${name}-${entry.name}`,
        {
          project: args.project,
          secretId,
          replication:
            args.kmsKeyName === undefined
              ? { auto: {} }
              : {
                  userManaged: {
                    replicas: [
                      {
                        location: args.region,
                        customerManagedEncryption: { kmsKeyName: args.kmsKeyName },
                      },
                    ],
                  },
                },
          deletionProtection: args.deletionProtection,
          labels: { ...args.labels },
        },
        { parent: this, protect: args.protect },
      );
      const version =
        entry.value === undefined
          ? undefined
          : new gcp.secretmanager.SecretVersion(
              `${name}-${entry.name}-value`,
              {
                secret: secret.id,
                secretData: entry.value,
                // A rotated value is a new version (secretData cannot change in place). In prod
                // the replaced version is disabled, not destroyed: it stays restorable with
                // `gcloud secrets versions enable` (deletion_policy, terraform-provider-google
                // secret_manager_secret_version: DELETE, DISABLE or ABANDON). Not `protect`: a
                // protected version could never be replaced, so the value could never rotate.
                deletionPolicy: args.protect ? "DISABLE" : "DELETE",
              },
              { parent: this },
            );
      if (version === undefined) {
        pulumi.log.warn(
          `secret ${entry.name} has no value in config, so no consumer may read it yet: ` +
            `pulumi config set --secret --path 'eventstack:secretValues.${entry.name}' <value>`,
          this,
        );
      }
      byName.set(entry.name, { secret, version });
    }
    this.byName = byName;
    this.registerOutputs({ secretIds: [...byName.values()].map((s) => s.secret.secretId) });
  }
}
