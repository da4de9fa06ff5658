/**
 * What a CloudWatch metric alarm watches: its metric, or each metric of its metric-math queries.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { ResourceIndex } from "../resource-index";
import { isRecord, isUnknown } from "../values";
import { T } from "./types";

interface WatchedMetric {
  readonly namespace: unknown;
  readonly metricName: unknown;
  readonly dimensions: Record<string, unknown>;
  /** The alarm's top-level property holding this metric, for dependency edges. */
  readonly property: "dimensions" | "metricQueries";
}

function metricsOf(props: Record<string, unknown>): WatchedMetric[] {
  const out: WatchedMetric[] = [];
  if (props.namespace !== undefined || props.metricName !== undefined) {
    out.push({
      namespace: props.namespace,
      metricName: props.metricName,
      dimensions: isRecord(props.dimensions) ? props.dimensions : {},
      property: "dimensions",
    });
  }
  if (Array.isArray(props.metricQueries)) {
    for (const q of props.metricQueries as unknown[]) {
      const m = isRecord(q) ? q.metric : undefined;
      if (!isRecord(m)) continue;
      out.push({
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: isRecord(m.dimensions) ? m.dimensions : {},
        property: "metricQueries",
      });
    }
  }
  return out;
}

export interface AlarmTarget {
  /** The watched resource's name as the dimension carries it (e.g. the queue name). */
  readonly name: string | undefined;
  /** The watched resource, when it is in the stack (for dependency edges). */
  readonly resource: PolicyResource | undefined;
}

/**
 * The metric alarms watching `target`: a metric in `namespace` (one of `metricNames`, when given)
 * whose `dimension` equals the target's name, or depends on the target while its value is unknown.
 */
export function alarmsWatching(
  index: ResourceIndex,
  namespace: string,
  dimension: string,
  target: AlarmTarget,
  metricNames?: readonly string[],
): PolicyResource[] {
  return index.ofType(T.metricAlarm).filter((alarm) =>
    metricsOf(index.props(alarm)).some((m) => {
      if (m.namespace !== namespace && !isUnknown(m.namespace)) return false;
      if (metricNames && typeof m.metricName === "string" && !isUnknown(m.metricName)) {
        if (!metricNames.includes(m.metricName)) return false;
      }
      const value = m.dimensions[dimension];
      if (value === undefined) return false;
      // Not known yet (a preview): follow the dependency edge instead of the value.
      if (isUnknown(value)) {
        return (
          target.resource !== undefined && index.refersTo(alarm, m.property, value, target.resource)
        );
      }
      return target.name !== undefined && value === target.name;
    }),
  );
}
