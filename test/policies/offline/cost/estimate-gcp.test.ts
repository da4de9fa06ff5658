/**
 * GCP estimates of the shipped stacks, checked against amounts worked out by hand from the pricing
 * pages (read 2026-12-02):
 * - Pub/Sub, https://cloud.google.com/pubsub/pricing: $40 per TiB of publish and of delivery
 *   throughput, at least 1000 bytes per request, first 10 GiB free; $0.27 per GiB-month retained.
 *   Filtered-out messages are still charged for delivery: https://cloud.google.com/pubsub/docs/filtering.
 * - Cloud Run, https://cloud.google.com/run/pricing (request-based billing, Tier 1):
 *   $0.000024/vCPU-s, $0.0000025/GiB-s, $0.40 per million requests; free 180,000 vCPU-s,
 *   360,000 GiB-s and 2 million requests; billed time rounded up to 100 ms.
 * - Cloud Monitoring alerting, https://cloud.google.com/stackdriver/pricing: $1.50 per condition-month.
 * - Cloud KMS, https://cloud.google.com/kms/pricing: $0.06 per active software key version-month.
 * - Firestore, https://cloud.google.com/firestore/pricing: $0.03 per 100,000 reads, $0.09 per
 *   100,000 writes, $0.01 per 100,000 deletes, $0.15 per GiB-month (amounts unconfirmed: see
 *   prices-gcp.ts); only the (default) database has a free quota; TTL deletes are billed.
 */
import assert from "node:assert/strict";
import { estimateCost } from "../../../../policies/offline/cost/estimate";
import { usd, type CostEstimate } from "../../../../policies/offline/cost/model";
import type { Plan } from "../../../../policies/offline/plan";
import { plan } from "../../../support/plan";
import { amountOf, assertUsd, lineFor } from "./support";

const TIB = 1024 ** 4;

function gcpEstimate(p: Plan, overrides = {}, freeTier = false): CostEstimate {
  return estimateCost(p.resources, {
    cloud: "gcp",
    region: p.config["gcp:region"],
    assumptions: overrides,
    freeTier,
  });
}

describe("cost estimate: GCP", function () {
  this.timeout(300_000);
  let dev: Plan;
  let prodOnGcp: Plan;
  before(async () => {
    dev = await plan("dev");
    prodOnGcp = await plan("prod", { "eventstack:cloud": "gcp" });
  });

  it("dev at 1 M events of 1 KB to 2 consumers: Pub/Sub publish and delivery to both subscriptions", () => {
    const e = gcpEstimate(dev);
    assert.equal(e.region, "europe-west1");
    assert.equal(e.assumptions.consumersPerEvent, 2);
    // 1 KB payload + 400 B of CloudEvents attributes = 1,424 B per message, above the 1,000 B minimum.
    const publish = lineFor(e, "Pub/Sub publish", "eventstack-events-topic");
    assert.equal(publish.quantity, (1e6 * 1424) / TIB);
    assertUsd(publish.monthly, 0.0518, "publish: 1.424e9 B / 2^40 × $40");
    const delivery = lineFor(e, "Pub/Sub delivery", "eventstack-orders-subscription");
    assert.deepEqual(delivery.resources, [
      "eventstack-orders-subscription",
      "eventstack-audit-subscription",
    ]);
    assertUsd(delivery.monthly, 0.1036, "delivery: 2 × 1.424e9 B / 2^40 × $40");
  });

  it("dev: Cloud Run compute and requests, 1 M requests per service of 100 ms at 1 vCPU / 512 MiB", () => {
    const e = gcpEstimate(dev);
    const cpu = lineFor(e, "Cloud Run CPU", "eventstack-orders-service");
    assert.equal(cpu.quantity, 200_000); // 2 services × 1e6 × 0.1 s × 1 vCPU
    assertUsd(cpu.monthly, 4.8, "200,000 vCPU-s × $0.000024");
    assertUsd(amountOf(e, "Cloud Run memory"), 0.25, "100,000 GiB-s × $0.0000025");
    assertUsd(amountOf(e, "Cloud Run requests"), 0.8, "2 M requests × $0.40");
    assertUsd(amountOf(e, "Cloud Run minimum instances (CPU)"), 0, "minInstanceCount 0");
  });

  it("dev: 10 alert conditions in 6 policies are the largest fixed cost", () => {
    const e = gcpEstimate(dev);
    // Per consumer: backlog (1), dead letters (2), errors (2).
    assertUsd(amountOf(e, "Cloud Monitoring alert conditions"), 15, "10 conditions × $1.50");
    const largest = [...e.fixed].sort((a, b) => b.monthly - a.monthly)[0];
    assert.equal(largest?.item, "Cloud Monitoring alert conditions");
  });

  it("dev: the Firestore database, 2 reads, 2 writes and 1 TTL delete per delivery, no PITR", () => {
    const e = gcpEstimate(dev);
    // 2 consumers × 1 M events = 2 M deliveries, each one applyOnce transaction.
    assertUsd(amountOf(e, "Firestore document reads"), 1.2, "4 M / 100,000 × $0.03");
    assertUsd(amountOf(e, "Firestore document writes"), 3.6, "4 M / 100,000 × $0.09");
    assertUsd(amountOf(e, "Firestore TTL deletes"), 0.2, "2 M / 100,000 × $0.01");
    const gib = (2e6 * (2048 * 12 + 256 * (86_400 / 2_628_000))) / 1024 ** 3;
    const storage = lineFor(e, "Firestore storage", "eventstack-state-database");
    assert.equal(storage.quantity, gib);
    assertUsd(storage.monthly, Number((gib * 0.15).toFixed(4)), "GiB × $0.15");
    assert.equal(amountOf(e, "Firestore point-in-time recovery"), 0);
    assertUsd(
      amountOf(gcpEstimate(prodOnGcp), "Firestore point-in-time recovery"),
      storage.monthly,
      "PITR on in prod",
    );
  });

  it("a 250 ms delivery is billed 300 ms on Cloud Run", () => {
    const e = gcpEstimate(dev, { avgDurationMs: 250 });
    assertUsd(amountOf(e, "Cloud Run CPU"), 14.4, "2e6 × 0.3 s × $0.000024");
  });

  it("an empty payload is billed the 1,000-byte minimum per publish request", () => {
    const e = gcpEstimate(dev, { payloadKb: 0 });
    assert.equal(lineFor(e, "Pub/Sub publish", "eventstack-events-topic").quantity, 1e9 / TIB);
  });

  it("with the free tier, Cloud Run's 180,000 vCPU-s and 2 M requests are credited", () => {
    const e = gcpEstimate(dev, {}, true);
    const cpu = e.freeTier.find((c) => c.priceIds.includes("run-cpu"));
    assert.equal(cpu?.quantity, 180_000);
    assertUsd(cpu?.amount ?? 0, 4.32, "180,000 × $0.000024");
    assertUsd(e.totals.total, e.totals.fixed + e.totals.perEvent - e.totals.freeTier, "total");
    assert.equal(gcpEstimate(dev).totals.total, usd(e.totals.fixed + e.totals.perEvent));
  });

  it("prod on GCP: 4 KMS keys, 31-day topic retention, the orders service at 1 GiB", () => {
    const e = gcpEstimate(prodOnGcp);
    // Pub/Sub, Secret Manager, Artifact Registry and the Firestore database each have their key.
    assertUsd(amountOf(e, "Cloud KMS key versions"), 0.24, "4 × $0.06");
    const retention = lineFor(e, "Pub/Sub topic retention", "eventstack-events-topic");
    // 1e6 × 1,424 B kept 31 days of a 730-hour month: 1.424e9 × (2,678,400 / 2,628,000) B-month.
    assert.equal(retention.quantity, (1.424e9 * (2_678_400 / 2_628_000)) / 1024 ** 3);
    const memory = lineFor(e, "Cloud Run memory", "eventstack-orders-service");
    assert.equal(memory.quantity, 1e6 * 0.1 * 1);
  });

  it("grows with volume: 10× and 100× repeat the estimate, fixed costs stay", () => {
    const e = gcpEstimate(dev);
    assert.deepEqual(
      e.scaling.map((s) => s.eventsPerMonth),
      [1e6, 1e7, 1e8],
    );
    const tenfold = gcpEstimate(dev, { eventsPerMonth: 1e7 });
    assert.equal(e.scaling[1]?.total, tenfold.totals.total);
    assert.equal(tenfold.totals.fixed, e.totals.fixed);
  });

  it("lists the no-charge types with their reasons and estimates every cloud resource", () => {
    const e = gcpEstimate(dev);
    assert.deepEqual(e.notEstimated, []);
    const iam = e.noCharge.find((g) => g.type === "gcp:serviceaccount/account:Account");
    assert.deepEqual(iam, {
      type: "gcp:serviceaccount/account:Account",
      count: 5,
      reason: "service accounts have no charge",
    });
  });

  it("refuses a region without prices, naming it and the priced ones", () => {
    assert.throws(
      () =>
        estimateCost(dev.resources, {
          cloud: "gcp",
          region: "asia-south1",
          assumptions: {},
          freeTier: false,
        }),
      {
        name: "CostRegionError",
        message:
          '--cost: region "asia-south1" is not priced for gcp; priced regions: europe-west1, us-central1',
      },
    );
  });
});
