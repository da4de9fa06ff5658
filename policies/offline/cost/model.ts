/**
 * The cost estimate: fixed monthly lines and per-event lines, each with its billable units, unit
 * price, monthly amount and the assumption it rests on; the free tier as separate credits; totals;
 * the same at 10× and 100× the volume; and the resources that cost nothing or were not estimated.
 */
import type { Assumptions } from "./assumptions";
import { priceOf, type PriceTable } from "./price-table";

/** What an estimator proposes: a quantity of one priced unit. */
export interface LineDraft {
  /** Fixed lines cost the same at any volume; per-event lines grow with it. */
  readonly kind: "fixed" | "per-event";
  readonly item: string;
  /** Names of the resources the line prices. */
  readonly resources: readonly string[];
  /** Billable units per month, in the price row's unit. */
  readonly quantity: number;
  readonly priceId: string;
  readonly assumption: string;
}

/** A resource type that costs nothing, with why. */
export interface NoChargeGroup {
  readonly type: string;
  readonly count: number;
  readonly reason: string;
}

/** A resource the estimator cannot price: listed, never counted as zero. */
export interface NotEstimated {
  readonly type: string;
  readonly names: readonly string[];
  readonly reason: string;
}

/** What an estimator returns for one set of assumptions. */
export interface Estimation {
  readonly lines: readonly LineDraft[];
  readonly noCharge: readonly NoChargeGroup[];
  readonly notEstimated: readonly NotEstimated[];
}

export interface CostLine extends LineDraft {
  readonly unit: string;
  /** USD per unit. */
  readonly unitPrice: number;
  /** USD per month before any free tier. */
  readonly monthly: number;
  readonly source: string;
  readonly read: string;
}

/** The part of the lines of one price (or price pool) a monthly free tier covers. */
export interface FreeTierCredit {
  readonly priceIds: readonly string[];
  /** Free units used, of `unit`. */
  readonly quantity: number;
  readonly unit: string;
  /** USD the free tier saves. */
  readonly amount: number;
  readonly scope: string;
}

export interface CostTotals {
  readonly fixed: number;
  readonly perEvent: number;
  /** USD the free tier would save. */
  readonly freeTier: number;
  /** fixed + perEvent, less `freeTier` when the free tier is applied. */
  readonly total: number;
}

export interface ScaledTotal {
  readonly factor: number;
  readonly eventsPerMonth: number;
  readonly total: number;
}

export interface CostEstimate {
  readonly cloud: "gcp" | "aws";
  readonly region: string;
  readonly currency: "USD";
  readonly assumptions: Assumptions;
  /** Whether the totals subtract the free tier (it is per account and often used up elsewhere). */
  readonly freeTierApplied: boolean;
  readonly fixed: readonly CostLine[];
  readonly perEvent: readonly CostLine[];
  readonly freeTier: readonly FreeTierCredit[];
  readonly totals: CostTotals;
  /** The total at 1×, 10× and 100× the events. */
  readonly scaling: readonly ScaledTotal[];
  readonly noCharge: readonly NoChargeGroup[];
  readonly notEstimated: readonly NotEstimated[];
}

/** Rounds a USD amount to a hundredth of a cent, so documents do not carry float noise. */
export function usd(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

function priceLine(table: PriceTable, region: string, draft: LineDraft): CostLine {
  const row = priceOf(table, draft.priceId, region);
  return {
    ...draft,
    unit: row.unit,
    unitPrice: row.price,
    monthly: usd(draft.quantity * row.price),
    source: row.source,
    read: row.read,
  };
}

/** Free-tier credits: each allowance (shared by the rows of one pool) covers lines in order. */
export function freeTierCredits(
  table: PriceTable,
  region: string,
  lines: readonly CostLine[],
): FreeTierCredit[] {
  const pools = new Map<string, CostLine[]>();
  for (const line of lines) {
    const free = priceOf(table, line.priceId, region).free;
    if (free === undefined) continue;
    const key = free.pool ?? line.priceId;
    pools.set(key, [...(pools.get(key) ?? []), line]);
  }
  const credits: FreeTierCredit[] = [];
  for (const poolLines of pools.values()) {
    const first = poolLines[0];
    if (first === undefined) continue;
    const free = priceOf(table, first.priceId, region).free;
    if (free === undefined) continue;
    let left = free.quantity;
    let used = 0;
    let amount = 0;
    for (const line of poolLines) {
      const covered = Math.min(left, line.quantity);
      left -= covered;
      used += covered;
      amount += covered * line.unitPrice;
    }
    if (used === 0) continue;
    credits.push({
      priceIds: [...new Set(poolLines.map((l) => l.priceId))],
      quantity: used,
      unit: first.unit,
      amount: usd(amount),
      scope: free.scope,
    });
  }
  return credits;
}

function totalsOf(
  table: PriceTable,
  region: string,
  lines: readonly CostLine[],
  freeTierApplied: boolean,
): CostTotals {
  const sum = (kind: LineDraft["kind"]) =>
    lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const fixed = sum("fixed");
  const perEvent = sum("per-event");
  const freeTier = freeTierCredits(table, region, lines).reduce((s, c) => s + c.amount, 0);
  return {
    fixed: usd(fixed),
    perEvent: usd(perEvent),
    freeTier: usd(freeTier),
    total: usd(fixed + perEvent - (freeTierApplied ? freeTier : 0)),
  };
}

export interface BuildOptions {
  readonly table: PriceTable;
  readonly region: string;
  readonly assumptions: Assumptions;
  readonly freeTierApplied: boolean;
  /** Runs the cloud's estimator for a set of assumptions. */
  readonly estimate: (assumptions: Assumptions) => Estimation;
}

/** Volumes the estimate is repeated at. */
export const SCALE_FACTORS = [1, 10, 100] as const;

/** Merges drafts that differ only in the resources they price (e.g. twenty alarms of one kind). */
export function groupDrafts(drafts: readonly LineDraft[]): LineDraft[] {
  const groups = new Map<string, LineDraft>();
  for (const d of drafts) {
    const key = JSON.stringify([d.kind, d.item, d.priceId, d.assumption]);
    const seen = groups.get(key);
    groups.set(
      key,
      seen === undefined
        ? { ...d, resources: [...d.resources] }
        : {
            ...seen,
            resources: [...seen.resources, ...d.resources],
            quantity: seen.quantity + d.quantity,
          },
    );
  }
  return [...groups.values()];
}

/** Prices the estimator's lines and repeats the estimate at 10× and 100× the events. */
export function buildEstimate(opts: BuildOptions): CostEstimate {
  const { table, region, assumptions, freeTierApplied } = opts;
  const base = opts.estimate(assumptions);
  const lines = groupDrafts(base.lines).map((d) => priceLine(table, region, d));
  const scaling = SCALE_FACTORS.map((factor) => {
    const scaled = { ...assumptions, eventsPerMonth: assumptions.eventsPerMonth * factor };
    const scaledLines = opts.estimate(scaled).lines.map((d) => priceLine(table, region, d));
    return {
      factor,
      eventsPerMonth: scaled.eventsPerMonth,
      total: totalsOf(table, region, scaledLines, freeTierApplied).total,
    };
  });
  return {
    cloud: table.cloud,
    region,
    currency: "USD",
    assumptions,
    freeTierApplied,
    fixed: lines.filter((l) => l.kind === "fixed"),
    perEvent: lines.filter((l) => l.kind === "per-event"),
    freeTier: freeTierCredits(table, region, lines),
    totals: totalsOf(table, region, lines, freeTierApplied),
    scaling,
    noCharge: base.noCharge,
    notEstimated: base.notEstimated,
  };
}
