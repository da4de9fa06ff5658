/**
 * Prices a GCP stack's recorded resources (a plan, or a `pulumi stack export`): Pub/Sub
 * throughput and retention, Cloud Run requests and compute, logging, and the fixed monthly cost
 * of keys, secrets, alert conditions and image storage.
 */
import type { RecordedResource } from "../mock-types";
import type { Assumptions } from "./assumptions";
import { Collector } from "./collector";
import { estimateFirestore } from "./estimate-gcp-state";
import type { Estimation } from "./model";
import {
  count,
  durationSeconds,
  GIB,
  KIB,
  lastSegment,
  list,
  num,
  rec,
  SECONDS_PER_MONTH,
  str,
  TIB,
} from "./values";

/**
 * Bytes a CloudEvent adds to its payload on Pub/Sub in binary mode: the `ce-id`, `ce-source`,
 * `ce-specversion`, `ce-type`, `ce-time` and `content-type` attributes (keys and values), the
 * 20-byte timestamp and the message id (https://cloud.google.com/pubsub/pricing, "Message volume
 * calculation").
 */
export const PUBSUB_ENVELOPE_BYTES = 400;
/** "A minimum of 1000 bytes per publish, push or pull request is assessed" (same page). */
export const PUBSUB_MIN_BILLABLE_BYTES = 1000;
/** Cloud Run rounds billable instance time up to 100 ms (https://cloud.google.com/run/pricing). */
export const RUN_BILLING_STEP_MS = 100;
/** Size of one consumer image version in the repository (node:24-slim base plus the bundle). */
export const IMAGE_GIB = 0.1;
/** Alert conditions are evaluated every 30 s, each returning one aggregated series. */
export const ALERT_EVALUATIONS_PER_MONTH = SECONDS_PER_MONTH / 30;

const FREE: Readonly<Record<string, string>> = {
  "gcp:serviceaccount/account:Account": "service accounts have no charge",
  "gcp:serviceaccount/iAMMember:IAMMember": "IAM bindings have no charge",
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": "IAM bindings have no charge",
  "gcp:pubsub/topicIAMMember:TopicIAMMember": "IAM bindings have no charge",
  "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember": "IAM bindings have no charge",
  "gcp:secretmanager/secretIamMember:SecretIamMember": "IAM bindings have no charge",
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": "IAM bindings have no charge",
  "gcp:projects/iAMMember:IAMMember": "IAM bindings have no charge",
  "gcp:projects/service:Service": "enabling an API has no charge",
  "gcp:projects/serviceIdentity:ServiceIdentity": "service agents have no charge",
  "gcp:kms/keyRing:KeyRing": "key rings have no charge; their keys are priced",
  "gcp:monitoring/dashboard:Dashboard": "Cloud Monitoring dashboards have no charge",
  "gcp:monitoring/notificationChannel:NotificationChannel":
    "notification channels have no charge (email delivery is free)",
  "gcp:compute/network:Network": "VPC networks have no charge",
  "gcp:secretmanager/secretVersion:SecretVersion": "priced with its secret (one version each)",
  "docker-build:index:Image": "built where `pulumi up` runs; stored in the priced repository",
  "gcp:firestore/field:Field":
    "TTL policies have no charge; the deletes they make are priced on the database",
  "time:index/sleep:Sleep": "a wait during `pulumi up`: nothing is deployed for it",
};

const cpuOf = (limits: Record<string, unknown>): number => {
  const text = str(limits, "cpu") ?? "1";
  return text.endsWith("m") ? Number(text.slice(0, -1)) / 1000 : Number(text);
};

const memoryGibOf = (limits: Record<string, unknown>): number => {
  const text = str(limits, "memory") ?? "512Mi";
  const match = /^(\d+(?:\.\d+)?)(Mi|Gi|M|G)$/.exec(text);
  if (match?.[1] === undefined) return 0.5;
  const value = Number(match[1]);
  if (match[2] === "Gi") return value;
  if (match[2] === "G") return (value * 1e9) / GIB;
  if (match[2] === "M") return (value * 1e6) / GIB;
  return value / KIB;
};

const topicName = (r: RecordedResource): string => str(r.inputs, "name") ?? r.name;

/** The estimation for one set of assumptions. */
export function estimateGcp(resources: readonly RecordedResource[], a: Assumptions): Estimation {
  const out = new Collector();
  const topics = resources.filter((r) => r.type === "gcp:pubsub/topic:Topic");
  const subscriptions = resources.filter((r) => r.type === "gcp:pubsub/subscription:Subscription");
  const services = resources.filter((r) => r.type === "gcp:cloudrunv2/service:Service");
  const deadLetterTopics = new Set(
    subscriptions.flatMap((s) => {
      const dlt = str(rec(s.inputs, "deadLetterPolicy"), "deadLetterTopic");
      return dlt === undefined ? [] : [lastSegment(dlt)];
    }),
  );
  const eventTopics = topics.filter((t) => !deadLetterTopics.has(topicName(t)));
  const eventTopicNames = new Set(eventTopics.map(topicName));
  const deliverySubs = subscriptions.filter((s) =>
    eventTopicNames.has(lastSegment(str(s.inputs, "topic") ?? "")),
  );
  const deadLetterSubs = subscriptions.filter((s) => !deliverySubs.includes(s));

  const events = a.eventsPerMonth;
  const deliveries = events * a.consumersPerEvent;
  const deadLettered = (deliveries * a.deadLetterPercent) / 100;
  const messageBytes = a.payloadKb * KIB + PUBSUB_ENVELOPE_BYTES;
  const billableBytes = Math.max(PUBSUB_MIN_BILLABLE_BYTES, messageBytes);
  const perMessage = `${count(billableBytes)} billable bytes per message (payload ${count(a.payloadKb)} KB + ${PUBSUB_ENVELOPE_BYTES} B of attributes, at least ${PUBSUB_MIN_BILLABLE_BYTES} B per request)`;

  if (eventTopics.length > 0) {
    out.line({
      kind: "per-event",
      item: "Pub/Sub publish",
      resources: eventTopics.map((t) => t.name),
      quantity: (events * billableBytes) / TIB,
      priceId: "pubsub-throughput",
      assumption: `${count(events)} events published once each; ${perMessage}`,
    });
  }
  if (deliverySubs.length > 0) {
    out.line({
      kind: "per-event",
      item: "Pub/Sub delivery",
      resources: deliverySubs.map((s) => s.name),
      quantity: (events * deliverySubs.length * billableBytes) / TIB,
      priceId: "pubsub-throughput",
      assumption:
        `every event is billed as delivered to all ${deliverySubs.length} subscriptions: messages a filter ` +
        "drops are acknowledged by Pub/Sub and still charged for delivery " +
        "(https://cloud.google.com/pubsub/docs/filtering)",
    });
  }
  if (deadLetterSubs.length > 0 || deadLetterTopics.size > 0) {
    out.line({
      kind: "per-event",
      item: "Pub/Sub dead-letter publish",
      resources: [
        ...topics.filter((t) => deadLetterTopics.has(topicName(t))).map((t) => t.name),
        ...deadLetterSubs.map((s) => s.name),
      ],
      quantity: (deadLettered * billableBytes) / TIB,
      priceId: "pubsub-throughput",
      assumption: `${count(a.deadLetterPercent)}% of ${count(deliveries)} deliveries dead-lettered; dead letters are billed again only when pulled`,
    });
  }
  for (const t of topics) {
    const retention = durationSeconds(t.inputs, "messageRetentionDuration");
    if (retention === undefined) continue;
    const forDeadLetters = deadLetterTopics.has(topicName(t));
    const messages = forDeadLetters ? deadLettered / deadLetterTopics.size : events;
    out.line({
      kind: "per-event",
      item: "Pub/Sub topic retention",
      resources: [t.name],
      quantity: (messages * messageBytes * (retention / SECONDS_PER_MONTH)) / GIB,
      priceId: "pubsub-storage",
      assumption: `${forDeadLetters ? "each dead letter" : "each event"} kept ${count(retention / 86_400)} days (messageRetentionDuration) at ${count(messageBytes)} bytes`,
    });
  }

  const perService = services.length > 0 ? deliveries / services.length : 0;
  const billedSeconds =
    (Math.ceil(a.avgDurationMs / RUN_BILLING_STEP_MS) * RUN_BILLING_STEP_MS) / 1000;
  for (const s of services) {
    const template = rec(s.inputs, "template");
    const container = list(template, "containers")[0];
    const resourcesOf = rec(container, "resources");
    const limits = rec(resourcesOf, "limits");
    if (resourcesOf.cpuIdle === false) {
      out.notEstimated(s, "instance-based billing (cpuIdle false) is not modelled");
      continue;
    }
    const cpu = cpuOf(limits);
    const memory = memoryGibOf(limits);
    const split = `${count(perService)} requests (${count(deliveries)} deliveries split evenly over ${services.length} services)`;
    const each = `each billed ${count(billedSeconds * 1000)} ms (${count(a.avgDurationMs)} ms rounded up to ${RUN_BILLING_STEP_MS} ms, no overlap)`;
    out.line({
      kind: "per-event",
      item: "Cloud Run CPU",
      resources: [s.name],
      quantity: perService * billedSeconds * cpu,
      priceId: "run-cpu",
      assumption: `${split}, ${each}, ${count(cpu)} vCPU`,
    });
    out.line({
      kind: "per-event",
      item: "Cloud Run memory",
      resources: [s.name],
      quantity: perService * billedSeconds * memory,
      priceId: "run-memory",
      assumption: `${split}, ${each}, ${count(memory)} GiB`,
    });
    out.line({
      kind: "per-event",
      item: "Cloud Run requests",
      resources: [s.name],
      quantity: perService / 1e6,
      priceId: "run-requests",
      assumption: split,
    });
    const minInstances = num(rec(template, "scaling"), "minInstanceCount") ?? 0;
    out.line({
      kind: "fixed",
      item: "Cloud Run minimum instances (CPU)",
      resources: [s.name],
      quantity: minInstances * SECONDS_PER_MONTH * cpu,
      priceId: "run-idle-cpu",
      assumption:
        minInstances === 0
          ? "minInstanceCount 0: scales to zero, no idle instance billed"
          : `${minInstances} idle instances all month at the idle rate`,
    });
    if (minInstances > 0) {
      out.line({
        kind: "fixed",
        item: "Cloud Run minimum instances (memory)",
        resources: [s.name],
        quantity: minInstances * SECONDS_PER_MONTH * memory,
        priceId: "run-idle-memory",
        assumption: `${minInstances} idle instances all month at the idle rate`,
      });
    }
  }
  if (services.length > 0) {
    out.line({
      kind: "per-event",
      item: "Cloud Logging (request and application logs)",
      resources: services.map((s) => s.name),
      quantity: (deliveries * a.logKbPerDelivery * KIB) / GIB,
      priceId: "logging-storage",
      assumption: `${count(a.logKbPerDelivery)} KB per delivery in the _Default bucket, whose 30-day retention costs nothing more`,
    });
  }

  for (const r of resources) {
    if (out.bookkeeping(r)) continue;
    const reason = FREE[r.type];
    if (reason !== undefined) {
      out.free(r, reason);
      continue;
    }
    switch (r.type) {
      case "gcp:pubsub/topic:Topic":
      case "gcp:pubsub/subscription:Subscription":
      case "gcp:cloudrunv2/service:Service":
        break;
      case "gcp:firestore/database:Database":
        estimateFirestore(r, a, out);
        break;
      case "gcp:secretmanager/secret:Secret": {
        const replicas = list(rec(rec(r.inputs, "replication"), "userManaged"), "replicas").length;
        const locations = Math.max(1, replicas);
        out.line({
          kind: "fixed",
          item: "Secret Manager active versions",
          resources: [r.name],
          quantity: locations,
          priceId: "secret-version",
          assumption: `one active version in ${locations} location(s); access calls happen once per instance start (negligible)`,
        });
        break;
      }
      case "gcp:kms/cryptoKey:CryptoKey": {
        const level = str(rec(r.inputs, "versionTemplate"), "protectionLevel") ?? "SOFTWARE";
        if (level !== "SOFTWARE") {
          out.notEstimated(r, `protection level ${level} is not priced`);
          break;
        }
        const rotation = durationSeconds(r.inputs, "rotationPeriod");
        out.line({
          kind: "fixed",
          item: "Cloud KMS key versions",
          resources: [r.name],
          quantity: 1,
          priceId: "kms-key-version",
          assumption:
            rotation === undefined
              ? "one active key version; cryptographic operations not estimated"
              : `one active version; every ${count(rotation / 86_400)}-day rotation adds one that stays billable until destroyed; operations not estimated`,
        });
        break;
      }
      case "gcp:monitoring/alertPolicy:AlertPolicy": {
        const conditions = list(r.inputs, "conditions").length;
        out.line({
          kind: "fixed",
          item: "Cloud Monitoring alert conditions",
          resources: [r.name],
          quantity: conditions,
          priceId: "monitoring-alert-condition",
          assumption: `${conditions} condition(s) in the policy`,
        });
        out.line({
          kind: "fixed",
          item: "Cloud Monitoring alert time series",
          resources: [r.name],
          quantity: (conditions * ALERT_EVALUATIONS_PER_MONTH) / 1e6,
          priceId: "monitoring-alert-time-series",
          assumption: "each condition returns one aggregated series per 30 s evaluation",
        });
        break;
      }
      case "gcp:artifactregistry/repository:Repository": {
        const keep = list(r.inputs, "cleanupPolicies")
          .map((p) => num(rec(p, "mostRecentVersions"), "keepCount"))
          .find((n) => n !== undefined);
        const versions = keep ?? 10;
        out.line({
          kind: "fixed",
          item: "Artifact Registry storage",
          resources: [r.name],
          quantity: versions * IMAGE_GIB,
          priceId: "artifact-storage",
          assumption: `${versions} image versions kept (${keep === undefined ? "no keep policy; assumed" : "cleanup policy keepCount"}) at ${IMAGE_GIB} GiB each; shared layers make this an upper bound`,
        });
        break;
      }
      case "gcp:compute/subnetwork:Subnetwork":
        if (Object.keys(rec(r.inputs, "logConfig")).length > 0) {
          out.notEstimated(r, "VPC flow logs: their volume depends on traffic");
        } else {
          out.free(r, "subnets have no charge");
        }
        break;
      default:
        out.notEstimated(r, "no price known for this resource type");
    }
  }
  return out.result();
}
