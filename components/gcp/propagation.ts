/**
 * Waits for Google's eventually consistent changes before the resources that rely on them.
 *
 * IAM: "Changes to allow or deny policies typically propagate in 2 minutes, but could
 * potentially take 7 minutes or longer" (https://cloud.google.com/iam/docs/access-change-propagation).
 * Cloud Run checks at deploy time that its identity can read its secrets, Pub/Sub mints push
 * tokens only once it may act as the push identity, a service refuses a KMS key its agent
 * cannot use yet, and both Cloud Run and Pub/Sub check the deployer's actAs on the identities
 * they run and sign as: each of these fails the first `up` when it runs right after the grant.
 * The platform also waits after enabling APIs, before it provisions service agents and uses the
 * APIs; no Google figure is relied on for that wait: its 60 s are a margin of the platform's own.
 *
 * The waits run on create (and again when what they wait for is replaced), never on later
 * updates, so only the first `up` and changes that make new grants pay for them.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";

/** How long each kind of change is given to propagate. */
export const PROPAGATION = {
  /** IAM grants: Google's typical 2 minutes. */
  iam: "120s",
  /** Newly enabled APIs, before their service agents are provisioned: the platform's own margin. */
  api: "60s",
} as const;

export type PropagationKind = keyof typeof PROPAGATION;

/**
 * A `time.Sleep` that starts once every resource in `after` exists and is replaced (so it waits
 * again) when any of their ids changes. Depend on it, not on the grants, to use them.
 */
export function propagationWait(
  name: string,
  kind: PropagationKind,
  after: readonly pulumi.CustomResource[],
  parent: pulumi.Resource,
): time.Sleep {
  if (after.length === 0) throw new Error(`propagation wait ${name} waits for nothing`);
  return new time.Sleep(
    name,
    {
      createDuration: PROPAGATION[kind],
      triggers: Object.fromEntries(after.map((r, i) => [`r${i}`, r.id])),
    },
    { parent, dependsOn: [...after] },
  );
}
