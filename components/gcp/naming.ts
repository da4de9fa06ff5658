/**
 * Physical names of the GCP resources, derived from the component name, the stack and the
 * consumer name. Pure, so the limits below are unit-tested without Pulumi.
 *
 * Names are fixed (not auto-named) so alert filters, the dashboard and the runbook commands can
 * name the exact topic, subscription and service. The stack is part of every name, so several
 * stacks can share one project.
 */
import { createHash } from "node:crypto";

/** GCP's length limits for the names used here. */
export const NAME_LIMITS = {
  /** Cloud Run service names. */
  service: 49,
  /** Service account ids (6-30). */
  serviceAccountMin: 6,
  serviceAccount: 30,
  /** Pub/Sub topic and subscription ids. */
  pubsub: 255,
  /** Artifact Registry repository ids. */
  repository: 63,
  /** Compute network and subnetwork names. */
  network: 63,
  /** Secret Manager secret ids. */
  secret: 255,
  /**
   * Service account display names, in UTF-8 bytes
   * (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts: "must be less
   * than or equal to 100 UTF-8 bytes").
   */
  displayNameBytes: 100,
} as const;

/** The physical names of one consumer's resources. */
export interface ConsumerNames {
  readonly service: string;
  readonly runtimeAccountId: string;
  readonly pushAccountId: string;
  readonly subscription: string;
  readonly deadLetterTopic: string;
  readonly deadLetterSubscription: string;
}

/** The physical names of the platform's shared resources. */
export interface PlatformNames {
  /**
   * `<component>-<stack>`, lowercased; the first part of every name. When slugging loses
   * information (`dev_a`, `dev.a` and `Dev-A` all slug to `dev-a`), 4 hex of the raw stack name
   * follow, so such stacks sharing a project get distinct names.
   */
  readonly prefix: string;
  readonly topic: string;
  readonly network: string;
  readonly subnet: string;
  /**
   * Artifact Registry repository id for the encryption in use. Google cannot change a
   * repository's key after creation, so the id changes with it and a toggle of
   * `customerManagedKeys` creates a new repository before deleting the old one.
   */
  repositoryFor(customerManagedKeys: boolean): string;
  /**
   * Secret id for a secret named in config and the encryption in use: a secret's replication
   * (which holds its key) cannot change after creation, so a toggle creates a new secret first.
   */
  secretFor(name: string, customerManagedKeys: boolean): string;
  /**
   * Names of consumer `name`'s resources; `filter` is its subscription filter. Pub/Sub cannot
   * change a filter in place, so the push subscription's id ends in a hash of the filter: a new
   * filter is a new subscription, created before the old one is deleted.
   */
  consumer(name: string, filter: string): ConsumerNames;
}

const hash = (text: string, length: number): string =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

/** Lowercase letters, digits and single hyphens, starting with a letter. */
export function slug(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  return cleaned === "" ? "x" : cleaned;
}

/**
 * `base` if it fits in `max` characters; otherwise `base` cut short plus a 6-character hash of the
 * whole of it, so two long names that share a beginning stay distinct.
 */
export function fit(base: string, max: number): string {
  if (base.length <= max) return base;
  const head = base.slice(0, max - 7).replace(/-+$/, "");
  return `${head}-${hash(base, 6)}`;
}

/**
 * Service account ids: `<consumer>-<role>-<4 hex of the prefix>`, 10 to 30 characters for 1- to
 * 20-character consumer names; the hash keeps stacks that share a project apart.
 */
function accountId(prefix: string, consumer: string, role: "run" | "push"): string {
  // `prefix` already carries the raw stack name's hash when slugging lost information.
  return fit(`${consumer}-${role}-${hash(prefix, 4)}`, NAME_LIMITS.serviceAccount);
}

/** Suffix of the names of resources encrypted with a customer-managed key. */
export const CMEK_SUFFIX = "cmek";

/**
 * The name prefix: the slug of `<component>-<stack>`, plus 4 hex of the raw stack name when the
 * slug is not the stack name as written.
 */
export function namePrefix(component: string, stack: string): string {
  const base = slug(`${component}-${stack}`);
  return base === `${component}-${stack}` ? base : `${base}-${hash(stack, 4)}`;
}

/**
 * A service account display name within Google's 100-byte limit: cut on a character boundary
 * and ended with `…` when longer.
 */
export function displayName(text: string): string {
  const max = NAME_LIMITS.displayNameBytes;
  if (Buffer.byteLength(text, "utf8") <= max) return text;
  const ellipsis = "…";
  let out = "";
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + ellipsis, "utf8") > max) break;
    out += ch;
  }
  return `${out.trimEnd()}${ellipsis}`;
}

/** All names for component `component` in stack `stack`. */
export function platformNames(component: string, stack: string): PlatformNames {
  const prefix = namePrefix(component, stack);
  const keyed = (base: string, cmek: boolean) => (cmek ? `${base}-${CMEK_SUFFIX}` : base);
  return {
    prefix,
    topic: fit(`${prefix}-events`, NAME_LIMITS.pubsub),
    repositoryFor: (cmek) => fit(keyed(`${prefix}-images`, cmek), NAME_LIMITS.repository),
    secretFor: (name, cmek) => fit(keyed(`${prefix}-${name}`, cmek), NAME_LIMITS.secret),
    network: fit(`${prefix}-vpc`, NAME_LIMITS.network),
    subnet: fit(`${prefix}-run-egress`, NAME_LIMITS.network),
    consumer: (name, filter) => ({
      service: fit(`${prefix}-${name}`, NAME_LIMITS.service),
      runtimeAccountId: accountId(prefix, name, "run"),
      pushAccountId: accountId(prefix, name, "push"),
      subscription: fit(`${prefix}-${name}-push-${hash(filter, 6)}`, NAME_LIMITS.pubsub),
      deadLetterTopic: fit(`${prefix}-${name}-dlq`, NAME_LIMITS.pubsub),
      deadLetterSubscription: fit(`${prefix}-${name}-dlq-sub`, NAME_LIMITS.pubsub),
    }),
  };
}

/**
 * The audience of a consumer's push tokens: the service's deterministic URL
 * (`https://<service>-<project number>.<region>.run.app`). It is known before the service exists,
 * so the service can be told its own audience without depending on itself.
 */
export function runAudience(service: string, projectNumber: string, region: string): string {
  return `https://${service}-${projectNumber}.${region}.run.app`;
}
