import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { isProductionStack } from "../../lib/production";

/**
 * The GCP types that hold data a delete would lose: events and dead letters (topics and
 * subscriptions), secrets and their versions, keys (destroying one makes what it encrypted
 * unreadable; Cloud KMS never deletes a key ring) and image repositories.
 */
export const STATEFUL_TYPES = [
  "gcp:pubsub/topic:Topic",
  "gcp:pubsub/subscription:Subscription",
  "gcp:secretmanager/secret:Secret",
  "gcp:secretmanager/secretVersion:SecretVersion",
  "gcp:kms/keyRing:KeyRing",
  "gcp:kms/cryptoKey:CryptoKey",
  "gcp:artifactregistry/repository:Repository",
  // The consumers' shared store: idempotency records and read models.
  "gcp:firestore/database:Database",
] as const;

const SECRET_VERSION = "gcp:secretmanager/secretVersion:SecretVersion";

/**
 * A secret version's `deletionPolicy` values that keep its data in Secret Manager when the stack
 * deletes or replaces it (terraform-provider-google `google_secret_manager_secret_version`:
 * `DELETE` destroys the version, `DISABLE` disables it, `ABANDON` leaves it).
 */
const KEEPING_DELETION_POLICIES = ["ABANDON", "DISABLE"];

/** Whether `r` is kept from deletion: `protect`, or for a secret version a keeping policy. */
export function isKept(r: PolicyResource): boolean {
  if (r.opts.protect) return true;
  const policy: unknown = r.props.deletionPolicy;
  return r.type === SECRET_VERSION && typeof policy === "string"
    ? KEEPING_DELETION_POLICIES.includes(policy)
    : false;
}

/**
 * In a production stack, every stateful GCP resource is protected, so neither `pulumi destroy`
 * nor a replacement can delete the data it holds without a deliberate `pulumi state unprotect`.
 */
export const gcpStatefulResourceEnforceProtection = stackPolicy(
  {
    name: "gcp-stateful-resource-enforce-protection",
    description:
      "In a production stack, Pub/Sub topics and subscriptions, secrets and their versions, KMS keys and key rings, Artifact Registry repositories and Firestore databases must be protected from deletion.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "protection", "data-loss"],
    remediationSteps:
      'Set the resource option `protect: true` on the resource (for a `gcp.secretmanager.SecretVersion`, `deletionPolicy: "DISABLE"` or `"ABANDON"` instead, so a rotated value can still replace it). A stack is production when a resource carries the label `environment: prod` (or `production`).',
  },
  {
    types: [...STATEFUL_TYPES],
    check: (resources, ctx) => {
      if (!isProductionStack(resources)) return;
      for (const r of resources) {
        if (!(STATEFUL_TYPES as readonly string[]).includes(r.type) || isKept(r)) continue;
        const how =
          r.type === SECRET_VERSION
            ? `protect or deletionPolicy ${KEEPING_DELETION_POLICIES.join("/")}, got protect false and deletionPolicy ${JSON.stringify(r.props.deletionPolicy ?? null)}`
            : "protect: true, got protect false";
        ctx.report(
          `${r.type} ${r.name} holds data in a production stack and must be kept from deletion (${how}).`,
          r.urn,
        );
      }
    },
  },
);
