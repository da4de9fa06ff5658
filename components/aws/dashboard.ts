/**
 * The CloudWatch dashboard body: a row of graphs per consumer (and for the bus), one graph per
 * alarm, each drawing the alarm's metric and threshold.
 */
import { isExpression, type AlarmDefinition, type MetricSpec } from "./alarm-definitions";

/** A titled group of alarms, shown as one section of the dashboard. */
export interface DashboardSection {
  readonly title: string;
  readonly alarms: readonly AlarmDefinition[];
}

interface Widget {
  readonly type: "text" | "metric";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const GRID_WIDTH = 24;
const GRAPH_WIDTH = 8;
const GRAPH_HEIGHT = 6;
const HEADER_HEIGHT = 1;

function metricRow(metric: MetricSpec, options: Record<string, unknown>): unknown[] {
  const dims = Object.entries(metric.dimensions).flat();
  return [metric.namespace, metric.metricName, ...dims, { stat: metric.stat, ...options }];
}

function metrics(def: AlarmDefinition): unknown[][] {
  const source = def.source;
  if (!isExpression(source)) return [metricRow(source, { label: source.metricName })];
  return [
    [{ expression: source.expression, label: source.label, id: source.id }],
    ...Object.entries(source.inputs).map(([id, m]) => metricRow(m, { id, visible: false })),
  ];
}

/** The dashboard body, as the `dashboardBody` JSON object. */
export function dashboardBody(
  region: string,
  sections: readonly DashboardSection[],
): { widgets: Widget[] } {
  const widgets: Widget[] = [];
  let y = 0;
  for (const section of sections) {
    widgets.push({
      type: "text",
      x: 0,
      y,
      width: GRID_WIDTH,
      height: HEADER_HEIGHT,
      properties: { markdown: `## ${section.title}` },
    });
    y += HEADER_HEIGHT;
    section.alarms.forEach((def, i) => {
      const perRow = GRID_WIDTH / GRAPH_WIDTH;
      widgets.push({
        type: "metric",
        x: (i % perRow) * GRAPH_WIDTH,
        y: y + Math.floor(i / perRow) * GRAPH_HEIGHT,
        width: GRAPH_WIDTH,
        height: GRAPH_HEIGHT,
        properties: {
          title: def.title,
          view: "timeSeries",
          region,
          period: def.periodSeconds,
          metrics: metrics(def),
          annotations: {
            horizontal: [{ label: `Alarm above ${def.threshold}`, value: def.threshold }],
          },
        },
      });
    });
    y += Math.ceil(section.alarms.length / (GRID_WIDTH / GRAPH_WIDTH)) * GRAPH_HEIGHT;
  }
  return { widgets };
}

/** The console address of a dashboard. */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${name}`;
}
