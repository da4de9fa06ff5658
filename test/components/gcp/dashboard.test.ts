import assert from "node:assert/strict";
import {
  dashboardCharts,
  dashboardDefinition,
  MAX_DASHBOARD_WIDGETS,
  type DashboardInput,
} from "../../../components/gcp/dashboard";
import { eventTypeFilter } from "../../../components/gcp/delivery";
import { platformNames } from "../../../components/gcp/naming";
import { manyConsumers } from "../../support/plan";

function input(consumers: number): DashboardInput {
  const names = platformNames("eventstack", "dev");
  const all = manyConsumers(consumers).map((c) =>
    names.consumer(c.name, eventTypeFilter(c.eventTypes)),
  );
  return {
    displayName: "eventstack dev",
    services: all.map((n) => n.service),
    subscriptions: all.map((n) => n.subscription),
    deadLetterSubscriptions: all.map((n) => n.deadLetterSubscription),
    labels: { environment: "dev", stack: "dev", "managed-by": "eventstack" },
  };
}

interface Tile {
  xPos?: number;
  yPos?: number;
  width: number;
  height: number;
  widget: {
    title: string;
    xyChart: { dataSets: { timeSeriesQuery: { timeSeriesFilter: { filter: string } } }[] };
  };
}

const tiles = (d: DashboardInput) =>
  (dashboardDefinition(d).mosaicLayout as { columns: number; tiles: Tile[] }).tiles;

describe("gcp dashboard", () => {
  for (const n of [1, 20, 25]) {
    it(`keeps ${n} consumer(s) in five charts, within the widget limit`, () => {
      assert.equal(tiles(input(n)).length, 5);
      assert.ok(tiles(input(n)).length <= MAX_DASHBOARD_WIDGETS);
    });
  }

  it("shows throughput, errors, backlog age and dead letters, one line per consumer", () => {
    const charts = dashboardCharts(input(2));
    assert.deepEqual(
      charts.map((c) => [c.title.split(":")[0], c.groupBy]),
      [
        ["Throughput", "resource.label.service_name"],
        ["Errors", "resource.label.service_name"],
        ["Backlog age", "resource.label.subscription_id"],
        ["Dead letters", "resource.label.subscription_id"],
        ["Dead letters waiting, by dead-letter subscription", "resource.label.subscription_id"],
      ],
    );
  });

  it("selects exactly the stack's services and subscriptions", () => {
    const [throughput, errors, backlog, deadLettered, waiting] = dashboardCharts(input(2));
    const services = 'one_of("eventstack-dev-consumer-01", "eventstack-dev-consumer-02")';
    assert.equal(
      throughput?.filter,
      `metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" AND resource.label.service_name = ${services}`,
    );
    assert.equal(
      errors?.filter,
      `metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" AND resource.label.service_name = ${services} AND metric.label.response_code_class = "5xx"`,
    );
    const subs = `one_of(${input(2)
      .subscriptions.map((s) => JSON.stringify(s))
      .join(", ")})`;
    assert.match(subs, /"eventstack-dev-consumer-01-push-[0-9a-f]{6}"/);
    assert.equal(
      backlog?.filter,
      `metric.type = "pubsub.googleapis.com/subscription/oldest_unacked_message_age" AND resource.type = "pubsub_subscription" AND resource.label.subscription_id = ${subs}`,
    );
    assert.equal(
      deadLettered?.filter,
      `metric.type = "pubsub.googleapis.com/subscription/dead_letter_message_count" AND resource.type = "pubsub_subscription" AND resource.label.subscription_id = ${subs}`,
    );
    assert.match(
      waiting?.filter ?? "",
      /num_undelivered_messages.*"eventstack-dev-consumer-02-dlq-sub"\)$/,
    );
  });

  it("lays the charts out two per row without overlap inside 48 columns", () => {
    const all = tiles(input(3));
    for (const t of all) assert.ok((t.xPos ?? 0) + t.width <= 48);
    const cells = all.map((t) => `${t.xPos ?? 0},${t.yPos ?? 0}`);
    assert.equal(new Set(cells).size, all.length);
  });

  it("serialises to the JSON the Dashboards API takes, labels included", () => {
    const parsed = JSON.parse(JSON.stringify(dashboardDefinition(input(1)))) as Record<
      string,
      unknown
    >;
    assert.equal(parsed.displayName, "eventstack dev");
    assert.deepEqual(parsed.labels, {
      environment: "dev",
      stack: "dev",
      "managed-by": "eventstack",
    });
    assert.equal((parsed.mosaicLayout as { columns: number }).columns, 48);
  });
});
