/**
 * What Google's APIs accept in the properties this platform sets, one row per limit, each citing
 * the reference it comes from. Label counts and label syntax are the label rule's
 * (`rules/label-limits.ts`), since the provider adds its own label.
 */
import type { LimitRow } from "./limit";

const IAM = "https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts";
const PUBSUB = "https://cloud.google.com/pubsub/docs/reference/rest/v1";
const RUN = "https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services";
const SA = "gcp:serviceaccount/account:Account";
const TOPIC = "gcp:pubsub/topic:Topic";
const SUB = "gcp:pubsub/subscription:Subscription";
const SERVICE = "gcp:cloudrunv2/service:Service";

/** Pub/Sub resource names: https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names */
const PUBSUB_NAME = {
  kind: "pattern",
  pattern: /^(?!goog)[A-Za-z][A-Za-z0-9\-_.~+%]*$/,
  allowed: "a letter, then letters, digits and -_.~+% (not starting with goog)",
} as const;
const PUBSUB_NAMES = "https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names";
const RFC1035 = {
  kind: "pattern",
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  allowed:
    "lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen",
} as const;

export const GCP_LIMITS: readonly LimitRow[] = [
  // Service accounts
  {
    type: SA,
    property: "accountId",
    check: { kind: "length", min: 6, max: 30 },
    doc: `${IAM}/create`,
  },
  {
    type: SA,
    property: "accountId",
    check: {
      kind: "pattern",
      pattern: /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/,
      allowed:
        "lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen",
    },
    doc: `${IAM}/create`,
  },
  {
    type: SA,
    property: "displayName",
    check: { kind: "length", min: 0, max: 100, unit: "bytes" },
    doc: `${IAM}#ServiceAccount`,
  },
  {
    type: SA,
    property: "description",
    check: { kind: "length", min: 0, max: 256, unit: "bytes" },
    doc: `${IAM}#ServiceAccount`,
  },
  // Pub/Sub
  { type: TOPIC, property: "name", check: { kind: "length", min: 3, max: 255 }, doc: PUBSUB_NAMES },
  { type: TOPIC, property: "name", check: PUBSUB_NAME, doc: PUBSUB_NAMES },
  {
    type: TOPIC,
    property: "messageRetentionDuration",
    check: { kind: "duration", min: 600, max: 2678400 },
    doc: `${PUBSUB}/projects.topics#Topic`,
  },
  { type: SUB, property: "name", check: { kind: "length", min: 3, max: 255 }, doc: PUBSUB_NAMES },
  { type: SUB, property: "name", check: PUBSUB_NAME, doc: PUBSUB_NAMES },
  {
    type: SUB,
    property: "ackDeadlineSeconds",
    check: { kind: "range", min: 10, max: 600 },
    doc: `${PUBSUB}/projects.subscriptions#Subscription`,
  },
  {
    type: SUB,
    property: "messageRetentionDuration",
    check: { kind: "duration", min: 600, max: 2678400 },
    doc: `${PUBSUB}/projects.subscriptions#Subscription`,
  },
  {
    type: SUB,
    property: "deadLetterPolicy.maxDeliveryAttempts",
    check: { kind: "range", min: 5, max: 100 },
    doc: `${PUBSUB}/projects.subscriptions#DeadLetterPolicy`,
  },
  {
    type: SUB,
    property: "retryPolicy.minimumBackoff",
    check: { kind: "duration", min: 0, max: 600 },
    doc: `${PUBSUB}/projects.subscriptions#RetryPolicy`,
  },
  {
    type: SUB,
    property: "retryPolicy.maximumBackoff",
    check: { kind: "duration", min: 0, max: 600 },
    doc: `${PUBSUB}/projects.subscriptions#RetryPolicy`,
  },
  {
    type: SUB,
    property: "filter",
    check: { kind: "length", min: 0, max: 256, unit: "bytes" },
    doc: "https://cloud.google.com/pubsub/docs/subscription-message-filter#filtering_syntax",
  },
  // Cloud Run
  {
    type: SERVICE,
    property: "name",
    check: { kind: "length", min: 1, max: 49 },
    doc: `${RUN}#Service`,
  },
  { type: SERVICE, property: "name", check: RFC1035, doc: `${RUN}#Service` },
  {
    type: SERVICE,
    property: "template.timeout",
    check: { kind: "duration", min: 1, max: 3600 },
    doc: "https://cloud.google.com/run/docs/configuring/request-timeout",
  },
  {
    type: SERVICE,
    property: "template.maxInstanceRequestConcurrency",
    check: { kind: "range", min: 1, max: 1000 },
    doc: "https://cloud.google.com/run/docs/about-concurrency",
  },
  {
    type: SERVICE,
    property: "template.scaling.minInstanceCount",
    check: { kind: "range", min: 0, max: 1000 },
    doc: "https://cloud.google.com/run/docs/configuring/min-instances",
  },
  {
    type: SERVICE,
    property: "template.scaling.maxInstanceCount",
    check: { kind: "range", min: 1, max: 1000 },
    doc: "https://cloud.google.com/run/docs/configuring/max-instances",
  },
  // Secret Manager
  {
    type: "gcp:secretmanager/secret:Secret",
    property: "secretId",
    check: { kind: "length", min: 1, max: 255 },
    doc: "https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create",
  },
  {
    type: "gcp:secretmanager/secret:Secret",
    property: "secretId",
    check: { kind: "pattern", pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, - and _" },
    doc: "https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create",
  },
  // Artifact Registry
  {
    type: "gcp:artifactregistry/repository:Repository",
    property: "repositoryId",
    check: { kind: "length", min: 1, max: 63 },
    doc: "https://cloud.google.com/artifact-registry/docs/repositories/create-repos",
  },
  {
    type: "gcp:artifactregistry/repository:Repository",
    property: "repositoryId",
    check: RFC1035,
    doc: "https://cloud.google.com/artifact-registry/docs/repositories/create-repos",
  },
  // Compute networks
  {
    type: "gcp:compute/network:Network",
    property: "name",
    check: { kind: "length", min: 1, max: 63 },
    doc: "https://cloud.google.com/compute/docs/naming-resources#resource-name-format",
  },
  {
    type: "gcp:compute/network:Network",
    property: "name",
    check: RFC1035,
    doc: "https://cloud.google.com/compute/docs/naming-resources#resource-name-format",
  },
  {
    type: "gcp:compute/subnetwork:Subnetwork",
    property: "name",
    check: { kind: "length", min: 1, max: 63 },
    doc: "https://cloud.google.com/compute/docs/naming-resources#resource-name-format",
  },
  {
    type: "gcp:compute/subnetwork:Subnetwork",
    property: "name",
    check: RFC1035,
    doc: "https://cloud.google.com/compute/docs/naming-resources#resource-name-format",
  },
  // Cloud KMS
  {
    type: "gcp:kms/cryptoKey:CryptoKey",
    property: "rotationPeriod",
    check: { kind: "duration", min: 86400, max: 8_760_000_000 },
    doc: "https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys#CryptoKey",
  },
  // Firestore: "4-63 characters. Valid characters are /[a-z][0-9]-/ with first character a letter
  // and the last a letter or a number" (projects.databases.create `databaseId`).
  {
    type: "gcp:firestore/database:Database",
    property: "name",
    check: { kind: "length", min: 4, max: 63 },
    doc: "https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases/create",
  },
  {
    type: "gcp:firestore/database:Database",
    property: "name",
    check: {
      kind: "pattern",
      pattern: /^([a-z]([-a-z0-9]*[a-z0-9])?|\(default\))$/,
      allowed:
        "lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit (or (default))",
    },
    doc: "https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases/create",
  },
];
