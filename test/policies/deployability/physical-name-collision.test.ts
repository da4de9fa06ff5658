import assert from "node:assert/strict";
import { physicalNameCollision } from "../../../policies/deployability/rules/physical-name-collision";
import { edit, res, run, via } from "./support";

const QUEUE = "aws:sqs/queue:Queue";
const provider = res("pulumi:providers:aws", "eventstack-aws", { region: "eu-west-1" });
const busDlq = via(
  res(QUEUE, "eventstack-bus-dead-letters-queue", {
    name: "eventstack-prod-bus-dlq",
    messageRetentionSeconds: 1209600,
  }),
  provider,
);
/** What a consumer named `bus` registered before the config model refused the name. */
const consumerDlq = via(
  res(QUEUE, "eventstack-bus-dead-letters-queue-2", { name: "eventstack-prod-bus-dlq" }),
  provider,
);

describe("deployability-physical-name-collision", () => {
  it("Noncompliance 1: a consumer's dead-letter queue named like the bus's own", () => {
    const found = physicalNameCollision.check([provider, busDlq, consumerDlq], {
      source: "plan",
      lambdaConcurrencyLimit: 1000,
      lambdaConcurrencyLimitSource: "default",
    });
    assert.equal(found.length, 1);
    assert.equal(found[0]?.urn, consumerDlq.urn);
    assert.deepEqual(found[0]?.related, [busDlq.urn]);
    assert.match(found[0]?.message ?? "", /"eventstack-prod-bus-dlq" \(region eu-west-1\)/);
    assert.ok((found[0]?.message ?? "").includes(`is also the identity of ${busDlq.urn}`));
  });

  it("Noncompliance 2: two GCP service accounts with one account id in one project", () => {
    const a = res("gcp:serviceaccount/account:Account", "orders-run", {
      accountId: "orders-run-3174",
      project: "acme-events-dev",
    });
    const b = res("gcp:serviceaccount/account:Account", "orders-run-2", {
      accountId: "orders-run-3174",
      project: "acme-events-dev",
    });
    assert.deepEqual(run(physicalNameCollision, [a, b]).length, 1);
  });

  it("Noncompliance 3: two rules of the default bus, one named explicitly for it", () => {
    const a = res("aws:cloudwatch/eventRule:EventRule", "a", { name: "orders" });
    const b = res("aws:cloudwatch/eventRule:EventRule", "b", { name: "orders" });
    assert.equal(run(physicalNameCollision, [a, b]).length, 1);
  });

  it("Compliance 1: the same name in different scopes (two projects, two Cloud Run regions)", () => {
    const a = res("gcp:pubsub/topic:Topic", "a", { name: "events", project: "acme-a" });
    const b = res("gcp:pubsub/topic:Topic", "b", { name: "events", project: "acme-b" });
    const r1 = res("gcp:cloudrunv2/service:Service", "r1", {
      name: "orders",
      project: "p",
      location: "europe-west1",
    });
    const r2 = edit(r1, { location: "us-central1" });
    assert.deepEqual(run(physicalNameCollision, [a, b, r1, { ...r2, urn: `${r2.urn}-2` }]), []);
  });

  it("Compliance 2: auto-named resources (no name input) and different types never collide", () => {
    const a = res(QUEUE, "a", {});
    const b = res(QUEUE, "b", {});
    const fn = res("aws:lambda/function:Function", "fn", { name: "eventstack-prod-bus-dlq" });
    assert.deepEqual(run(physicalNameCollision, [a, b, busDlq, fn]), []);
  });

  it("Compliance 3: rules of the same name on two buses", () => {
    const a = res("aws:cloudwatch/eventRule:EventRule", "a", { name: "orders", eventBusName: "x" });
    const b = res("aws:cloudwatch/eventRule:EventRule", "b", { name: "orders", eventBusName: "y" });
    assert.deepEqual(run(physicalNameCollision, [a, b]), []);
  });
});
