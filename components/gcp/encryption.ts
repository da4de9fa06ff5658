/**
 * Customer-managed encryption: a key ring and one key per service whose data it encrypts, each
 * usable by that service's agent only.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { keyUserBinding, type ServiceAgent } from "./iam";
import { propagationWait } from "./propagation";

/** Keys rotate every 90 days. */
export const KEY_ROTATION_PERIOD = "7776000s";

/** Arguments of {@link GcpEncryption}. */
export interface GcpEncryptionArgs {
  readonly project: string;
  /** Region of the key ring; the encrypted resources live in the same region. No default. */
  readonly region: string;
  /** Services that get a key, each with its agent's IAM member. No default. */
  readonly users: readonly {
    readonly agent: ServiceAgent;
    readonly member: pulumi.Input<string>;
  }[];
  /** Labels for the keys. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Protect the key ring and keys (on in prod): destroying a key version makes everything it
   * encrypted unreadable. No default.
   */
  readonly protect: boolean;
}

/**
 * A key ring with one rotating key per service. Depend on this component before using a key:
 * its grants must exist before a service can encrypt with it.
 */
export class GcpEncryption extends pulumi.ComponentResource {
  /** Key ids by service agent, usable once the agent's grant exists. */
  readonly keys: ReadonlyMap<ServiceAgent, pulumi.Output<string>>;

  constructor(name: string, args: GcpEncryptionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Encryption", name, {}, opts);
    // Key rings and keys cannot be deleted in Cloud KMS; auto-naming lets a destroyed and
    // recreated stack get new ones instead of colliding with the old names.
    const ring = new gcp.kms.KeyRing(
      `${name}-ring`,
      { project: args.project, location: args.region },
      { parent: this, protect: args.protect },
    );
    const created: {
      agent: ServiceAgent;
      key: gcp.kms.CryptoKey;
      grant: gcp.kms.CryptoKeyIAMMember;
    }[] = [];
    for (const user of args.users) {
      const key = new gcp.kms.CryptoKey(
        `${name}-${user.agent}`,
        {
          keyRing: ring.id,
          purpose: "ENCRYPT_DECRYPT",
          rotationPeriod: KEY_ROTATION_PERIOD,
          labels: { ...args.labels },
        },
        { parent: this, protect: args.protect },
      );
      const binding = keyUserBinding(user.member);
      const grant = new gcp.kms.CryptoKeyIAMMember(
        `${name}-${user.agent}-user`,
        { cryptoKeyId: key.id, role: binding.role, member: binding.member },
        { parent: this },
      );
      created.push({ agent: user.agent, key, grant });
    }
    // A service refuses a key its agent cannot use yet, and the grant takes minutes to reach it:
    // resources taking a key id wait for the grants to propagate.
    const propagated =
      created.length === 0
        ? undefined
        : propagationWait(
            `${name}-grants-wait`,
            "iam",
            created.map((c) => c.grant),
            this,
          );
    this.keys = new Map(
      created.map(({ agent, key }) => [
        agent,
        propagated === undefined ? key.id : pulumi.all([key.id, propagated.id]).apply(([id]) => id),
      ]),
    );
    this.registerOutputs({ keyRing: ring.id });
  }

  /** The key id for a service; throws if that service got no key. */
  keyId(agent: ServiceAgent): pulumi.Output<string> {
    const key = this.keys.get(agent);
    if (key === undefined) throw new Error(`no key was created for ${agent}`);
    return key;
  }
}
