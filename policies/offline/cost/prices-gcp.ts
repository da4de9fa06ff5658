/**
 * Google Cloud list prices (USD) for the resources eventstack deploys, as read from the official
 * pricing pages. Every row holds for both priced regions: Pub/Sub, Cloud KMS, Secret Manager,
 * Cloud Logging, Cloud Monitoring and Artifact Registry storage do not vary between them, and
 * europe-west1 and us-central1 are both Cloud Run "Tier 1" regions.
 */
import type { PriceRow, PriceTable } from "./price-table";

const REGIONS = ["europe-west1", "us-central1"] as const;
const READ = "2026-12-02";
const PUBSUB = "https://cloud.google.com/pubsub/pricing";
const RUN = "https://cloud.google.com/run/pricing";
const OBSERVABILITY = "https://cloud.google.com/stackdriver/pricing";
const FIRESTORE = "https://cloud.google.com/firestore/pricing";

const rows: readonly PriceRow[] = [
  {
    // "The first 10 GiB are free. After that, the price is $40 per TiB in all Google Cloud regions";
    // "A minimum of 1000 bytes per publish, push or pull request is assessed".
    id: "pubsub-throughput",
    price: 40,
    unit: "TiB",
    regions: REGIONS,
    read: READ,
    source: PUBSUB,
    free: { quantity: 10 / 1024, scope: "per billing account" },
  },
  {
    // Storage of messages retained by topics (messageRetentionDuration).
    id: "pubsub-storage",
    price: 0.27,
    unit: "GiB-month",
    regions: REGIONS,
    read: READ,
    source: PUBSUB,
  },
  {
    // Services billed per request ("CPU only allocated during request processing"), Tier 1.
    id: "run-cpu",
    price: 0.000024,
    unit: "vCPU-second",
    regions: REGIONS,
    read: READ,
    source: RUN,
    free: { quantity: 180_000, scope: "per billing account" },
  },
  {
    id: "run-memory",
    price: 0.0000025,
    unit: "GiB-second",
    regions: REGIONS,
    read: READ,
    source: RUN,
    free: { quantity: 360_000, scope: "per billing account" },
  },
  {
    id: "run-requests",
    price: 0.4,
    unit: "million requests",
    regions: REGIONS,
    read: READ,
    source: RUN,
    free: { quantity: 2, scope: "per billing account" },
  },
  {
    // Idle minimum instances of a request-billed service, Tier 1.
    id: "run-idle-cpu",
    price: 0.0000025,
    unit: "vCPU-second",
    regions: REGIONS,
    read: READ,
    source: RUN,
  },
  {
    id: "run-idle-memory",
    price: 0.0000025,
    unit: "GiB-second",
    regions: REGIONS,
    read: READ,
    source: RUN,
  },
  {
    id: "secret-version",
    price: 0.06,
    unit: "active version-month per location",
    regions: REGIONS,
    read: READ,
    source: "https://cloud.google.com/secret-manager/pricing",
    free: { quantity: 6, scope: "per billing account" },
  },
  {
    // Software protection level; HSM and external keys are priced differently.
    id: "kms-key-version",
    price: 0.06,
    unit: "active key version-month",
    regions: REGIONS,
    read: READ,
    source: "https://cloud.google.com/kms/pricing",
  },
  {
    id: "monitoring-alert-condition",
    price: 1.5,
    unit: "condition-month",
    regions: REGIONS,
    read: READ,
    source: OBSERVABILITY,
  },
  {
    id: "monitoring-alert-time-series",
    price: 0.35,
    unit: "million time series returned",
    regions: REGIONS,
    read: READ,
    source: OBSERVABILITY,
  },
  {
    // "One-time charge for streaming logs into log bucket storage ...; includes up to 30 days".
    id: "logging-storage",
    price: 0.5,
    unit: "GiB",
    regions: REGIONS,
    read: READ,
    source: OBSERVABILITY,
    free: { quantity: 50, scope: "per project" },
  },
  {
    id: "logging-retention",
    price: 0.01,
    unit: "GiB-month beyond 30 days",
    regions: REGIONS,
    read: READ,
    source: OBSERVABILITY,
  },
  {
    id: "artifact-storage",
    price: 0.1,
    unit: "GiB-month",
    regions: REGIONS,
    read: READ,
    source: "https://cloud.google.com/artifact-registry/pricing",
    free: { quantity: 0.5, scope: "per billing account" },
  },
  // Firestore Standard edition, regional locations. The page lists prices per location in a table
  // its excerpts found when these rows were written did not carry: the amounts are the regional
  // us-central1 prices (confirmed only by a third-party copy) and are taken for europe-west1 as
  // well: unconfirmed, check before relying on them. The free quota is left out: "Only the
  // (default) database qualifies for the free quota", and the program names its database.
  {
    id: "firestore-reads",
    price: 0.03,
    unit: "100,000 document reads",
    regions: REGIONS,
    read: READ,
    source: FIRESTORE,
  },
  {
    id: "firestore-writes",
    price: 0.09,
    unit: "100,000 document writes",
    regions: REGIONS,
    read: READ,
    source: FIRESTORE,
  },
  {
    // TTL deletes are billed as deletes (not in the free quota, the same page).
    id: "firestore-deletes",
    price: 0.01,
    unit: "100,000 document deletes",
    regions: REGIONS,
    read: READ,
    source: FIRESTORE,
  },
  {
    id: "firestore-storage",
    price: 0.15,
    unit: "GiB-month",
    regions: REGIONS,
    read: READ,
    source: FIRESTORE,
  },
  {
    // "PITR data" is billed as storage (the page's storage pricing); taken at the storage price
    // of the database's size: unconfirmed.
    id: "firestore-pitr",
    price: 0.15,
    unit: "GiB-month",
    regions: REGIONS,
    read: READ,
    source: FIRESTORE,
  },
];

/** The GCP price table. */
export const GCP_PRICES: PriceTable = { cloud: "gcp", rows };
