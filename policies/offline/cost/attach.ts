/** Adds the cost estimate to a check report, for plans and for audited exports. */
import type { RecordedResource } from "../mock-types";
import type { CheckReport } from "../report-model";
import { readStackState } from "../state-read";
import type { CostArgs } from "./cli-args";
import { estimateCost } from "./estimate";

/** A plan's report with its estimate; the region is the stack's `gcp:region` or `aws:region`. */
export function withPlanCost(
  report: CheckReport,
  resources: readonly RecordedResource[],
  config: Readonly<Record<string, string>>,
  args: CostArgs,
): CheckReport {
  const region = report.cloud === null ? undefined : config[`${report.cloud}:region`];
  return {
    ...report,
    cost: estimateCost(resources, {
      cloud: report.cloud,
      region,
      assumptions: args.assumptions,
      freeTier: args.freeTier,
    }),
  };
}

/** An audit's report with the estimate of what the export holds; the region comes from it. */
export function withExportCost(
  report: CheckReport,
  stateFile: string,
  args: CostArgs,
): CheckReport {
  const { resources } = readStackState(stateFile);
  return {
    ...report,
    cost: estimateCost(resources, {
      cloud: report.cloud,
      assumptions: args.assumptions,
      freeTier: args.freeTier,
    }),
  };
}
