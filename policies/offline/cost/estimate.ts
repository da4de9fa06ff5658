/**
 * `check --cost`: the monthly cost of a plan or an export, from the cloud's price table, for the
 * region the stack runs in. Regions without prices are refused, naming the priced ones.
 */
import type { RecordedResource } from "../mock-types";
import { resolveAssumptions, type AssumptionOverrides } from "./assumptions";
import { estimateAws } from "./estimate-aws";
import { estimateGcp } from "./estimate-gcp";
import { buildEstimate, type CostEstimate } from "./model";
import { assertPricedRegion, CostRegionError } from "./price-table";
import { AWS_PRICES } from "./prices-aws";
import { GCP_PRICES } from "./prices-gcp";
import { str } from "./values";

export interface CostOptions {
  /** `gcp` or `aws`; anything else is refused. */
  readonly cloud: string | null;
  /** The region from the stack's config (`gcp:region` / `aws:region`), for plans. */
  readonly region?: string | undefined;
  readonly assumptions: AssumptionOverrides;
  /** Subtract the monthly free tiers from the totals. */
  readonly freeTier: boolean;
}

/**
 * The region of an export: the default provider's `region`, else the region of the resources'
 * ARNs (aws) or `location`/`region` inputs (gcp); undefined when the resources do not say.
 */
export function regionOfResources(
  resources: readonly RecordedResource[],
  cloud: "gcp" | "aws",
): string | undefined {
  for (const r of resources) {
    if (r.type === `pulumi:providers:${cloud}`) {
      const region = str(r.inputs, "region");
      if (region !== undefined) return region;
    }
  }
  for (const r of resources) {
    if (cloud === "aws") {
      const arn = str(r.outputs, "arn");
      const region = arn === undefined ? undefined : arn.split(":")[3];
      if (region !== undefined && region !== "") return region;
    } else if (r.type.startsWith("gcp:")) {
      const region = str(r.inputs, "region") ?? str(r.inputs, "location");
      if (region !== undefined && /^[a-z]+-[a-z]+\d+$/.test(region)) return region;
    }
  }
  return undefined;
}

/** Consumers of the stack: its Cloud Run services or Lambda functions. */
export function consumerCount(
  resources: readonly RecordedResource[],
  cloud: "gcp" | "aws",
): number {
  const type = cloud === "gcp" ? "gcp:cloudrunv2/service:Service" : "aws:lambda/function:Function";
  return resources.filter((r) => r.type === type).length;
}

/** Estimates the monthly cost of `resources`; throws {@link CostRegionError} for unpriced regions. */
export function estimateCost(
  resources: readonly RecordedResource[],
  opts: CostOptions,
): CostEstimate {
  if (opts.cloud !== "gcp" && opts.cloud !== "aws") {
    throw new CostRegionError(
      `--cost prices gcp or aws stacks, got ${opts.cloud === null ? "no cloud resources" : JSON.stringify(opts.cloud)}`,
    );
  }
  const cloud = opts.cloud;
  const table = cloud === "gcp" ? GCP_PRICES : AWS_PRICES;
  const region = assertPricedRegion(table, opts.region ?? regionOfResources(resources, cloud));
  const assumptions = resolveAssumptions(opts.assumptions, consumerCount(resources, cloud));
  const estimator = cloud === "gcp" ? estimateGcp : estimateAws;
  return buildEstimate({
    table,
    region,
    assumptions,
    freeTierApplied: opts.freeTier,
    estimate: (a) => estimator(resources, a),
  });
}
