import assert from "node:assert/strict";
import { DELIVERY, filterBytes } from "../../../components/gcp/delivery";
import { MAX_DASHBOARD_WIDGETS } from "../../../components/gcp/dashboard";
import type { Plan } from "../../../policies/offline/plan";
import { json, manyConsumers, ofType, plan } from "../../support/plan";
import { at, inputsOf, T } from "./plan-helpers";

/** Project quotas a stack must fit in (GCP defaults). */
const QUOTA = { serviceAccounts: 100, alertPolicies: 500, subscriptionsPerTopic: 10_000 };

for (const count of [20, 25]) {
  describe(`GcpPlatform with ${count} consumers`, () => {
    let p: Plan;
    before(async () => {
      p = await plan("dev", {
        "eventstack:privateNetworking": "true",
        // 100 instances each at 4 addresses: a /17 holds 25 consumers.
        "eventstack:vpcEgressRange": "10.8.0.0/17",
        "eventstack:consumers": json(manyConsumers(count)),
      });
    });

    it("plans one consumer component, service and push subscription per consumer", () => {
      assert.equal(ofType(p, "eventstack:gcp:Consumer").length, count);
      assert.equal(ofType(p, T.run).length, count);
      assert.equal(ofType(p, T.subscription).length, count * 2);
    });

    it("gives every resource a unique logical and physical name within GCP's limits", () => {
      const urns = p.resources.map((r) => r.urn);
      assert.equal(new Set(urns).size, urns.length);
      const limits: [string, string, number, RegExp][] = [
        [T.run, "name", 49, /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/],
        [T.account, "accountId", 30, /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/],
        [T.topic, "name", 255, /^[a-zA-Z][-a-zA-Z0-9._~%+]{2,}$/],
        [T.subscription, "name", 255, /^[a-zA-Z][-a-zA-Z0-9._~%+]{2,}$/],
        [T.network, "name", 63, /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/],
        [T.subnet, "name", 63, /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/],
        [T.repository, "repositoryId", 63, /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/],
      ];
      for (const [type, field, max, pattern] of limits) {
        const values = ofType(p, type).map((r) => String(r.inputs[field]));
        assert.equal(new Set(values).size, values.length, `${type} ${field} repeats`);
        for (const v of values) {
          assert.ok(v.length <= max, `${type} ${field} ${v} is over ${max}`);
          assert.match(v, pattern, `${type} ${field}`);
        }
      }
    });

    it("stays within the project's service-account, alert-policy and subscription quotas", () => {
      // Two per consumer and the dead-letter operator's.
      assert.equal(ofType(p, T.account).length, count * 2 + 1);
      assert.ok(ofType(p, T.account).length <= QUOTA.serviceAccounts);
      assert.equal(ofType(p, T.alert).length, count * 3);
      assert.ok(ofType(p, T.alert).length <= QUOTA.alertPolicies);
      const onEvents = ofType(p, T.subscription).filter((s) =>
        String(s.inputs.topic).endsWith("/eventstack-dev-events"),
      );
      assert.equal(onEvents.length, count);
      assert.ok(onEvents.length <= QUOTA.subscriptionsPerTopic);
    });

    it("keeps every filter under Pub/Sub's limit and the dashboard under its widget limit", () => {
      for (const sub of ofType(p, T.subscription)) {
        if (sub.inputs.filter !== undefined) {
          assert.ok(filterBytes(String(sub.inputs.filter)) <= DELIVERY.filterMaxBytes);
        }
      }
      const dashboard = JSON.parse(
        String(inputsOf(p, T.dashboard, "eventstack-monitoring-dashboard").dashboardJson),
      ) as unknown;
      const tiles = at(dashboard, "mosaicLayout.tiles") as unknown[];
      assert.ok(tiles.length <= MAX_DASHBOARD_WIDGETS);
      const filter = String(
        at(tiles[0], "widget.xyChart.dataSets.0.timeSeriesQuery.timeSeriesFilter.filter"),
      );
      for (const c of manyConsumers(count))
        assert.ok(filter.includes(`"eventstack-dev-${c.name}"`), c.name);
    });

    it("sizes the egress subnet for every consumer at full scale", () => {
      // count × 100 instances × 4 addresses, plus GCP's 4 reserved.
      // The configured range, never one derived from the consumers.
      const expected = "10.8.0.0/17";
      assert.equal(inputsOf(p, T.subnet, "eventstack-network-subnet").ipCidrRange, expected);
    });
  });
}
