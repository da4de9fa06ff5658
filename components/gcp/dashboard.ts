/**
 * The Cloud Monitoring dashboard of the platform, as the JSON the Dashboards API takes.
 *
 * One chart per signal with one line per consumer (grouped by service or subscription), so the
 * widget count stays fixed however many consumers there are.
 */
import { METRICS, requestFilter, subscriptionFilter } from "./alerts";

/** Cloud Monitoring's per-dashboard widget limit. */
export const MAX_DASHBOARD_WIDGETS = 40;

/** What the dashboard shows. */
export interface DashboardInput {
  readonly displayName: string;
  /** Cloud Run service names, one per consumer. */
  readonly services: readonly string[];
  /** Push subscription ids, one per consumer. */
  readonly subscriptions: readonly string[];
  /** Dead-letter subscription ids, one per consumer. */
  readonly deadLetterSubscriptions: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

interface Chart {
  readonly title: string;
  readonly filter: string;
  readonly aligner: "ALIGN_RATE" | "ALIGN_MAX" | "ALIGN_DELTA";
  readonly reducer: "REDUCE_SUM" | "REDUCE_MAX";
  readonly groupBy: string;
  readonly unit: string;
}

/** The charts, in display order. */
export function dashboardCharts(d: DashboardInput): Chart[] {
  const byService = "resource.label.service_name";
  const bySubscription = "resource.label.subscription_id";
  return [
    {
      title: "Throughput: events delivered per second, by consumer",
      filter: requestFilter(d.services),
      aligner: "ALIGN_RATE",
      reducer: "REDUCE_SUM",
      groupBy: byService,
      unit: "requests/s",
    },
    {
      title: "Errors: 5xx responses per second, by consumer",
      filter: requestFilter(d.services, "5xx"),
      aligner: "ALIGN_RATE",
      reducer: "REDUCE_SUM",
      groupBy: byService,
      unit: "responses/s",
    },
    {
      title: "Backlog age: oldest undelivered event, by subscription",
      filter: subscriptionFilter(METRICS.oldestUnackedAge, d.subscriptions),
      aligner: "ALIGN_MAX",
      reducer: "REDUCE_MAX",
      groupBy: bySubscription,
      unit: "seconds",
    },
    {
      title: "Dead letters: events dead-lettered per minute, by subscription",
      filter: subscriptionFilter(METRICS.deadLetterCount, d.subscriptions),
      aligner: "ALIGN_DELTA",
      reducer: "REDUCE_SUM",
      groupBy: bySubscription,
      unit: "events/min",
    },
    {
      title: "Dead letters waiting, by dead-letter subscription",
      filter: subscriptionFilter(METRICS.undelivered, d.deadLetterSubscriptions),
      aligner: "ALIGN_MAX",
      reducer: "REDUCE_MAX",
      groupBy: bySubscription,
      unit: "events",
    },
  ];
}

/**
 * A tile position field, omitted when 0: the Dashboards API leaves zero-valued fields out of what
 * it returns (proto3 JSON omits default values,
 * https://protobuf.dev/programming-guides/json/), so a written `"xPos": 0` reads back as absent
 * and every later `up` would show a change.
 */
const position = (field: "xPos" | "yPos", value: number) => (value === 0 ? {} : { [field]: value });

/** The dashboard definition: a 48-column mosaic, two charts per row. */
export function dashboardDefinition(d: DashboardInput): Record<string, unknown> {
  const width = 24;
  const height = 16;
  const tiles = dashboardCharts(d).map((c, i) => ({
    ...position("xPos", (i % 2) * width),
    ...position("yPos", Math.floor(i / 2) * height),
    width,
    height,
    widget: {
      title: c.title,
      xyChart: {
        chartOptions: { mode: "COLOR" },
        dataSets: [
          {
            plotType: "LINE",
            minAlignmentPeriod: "60s",
            targetAxis: "Y1",
            timeSeriesQuery: {
              timeSeriesFilter: {
                filter: c.filter,
                aggregation: {
                  alignmentPeriod: "60s",
                  perSeriesAligner: c.aligner,
                  crossSeriesReducer: c.reducer,
                  groupByFields: [c.groupBy],
                },
              },
            },
          },
        ],
        yAxis: { label: c.unit, scale: "LINEAR" },
      },
    },
  }));
  return {
    displayName: d.displayName,
    labels: { ...d.labels },
    mosaicLayout: { columns: 48, tiles },
  };
}
