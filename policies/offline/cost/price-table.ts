/**
 * The shape of a price table: one row per billable unit, each with the regions it holds for, the
 * date it was read and the page it was read from, so every amount in an estimate can be traced.
 */
import { CostInputError } from "./errors";

/** Where the table has no row for the stack's region; `check --cost` exits 2. */
export class CostRegionError extends CostInputError {
  constructor(message: string) {
    super(message);
    this.name = "CostRegionError";
  }
}

/** What the cloud gives away each month for one row, per billing account (or project). */
export interface FreeAllowance {
  /** Units of the row's `unit` free per month. */
  readonly quantity: number;
  /** Who the allowance belongs to, e.g. "per billing account". */
  readonly scope: string;
  /** Rows naming the same pool share one allowance (e.g. Lambda's x86 and Arm GB-seconds). */
  readonly pool?: string;
}

/** One price as the cloud's pricing page states it. */
export interface PriceRow {
  /** Stable key the estimators look rows up by. */
  readonly id: string;
  /** USD per `unit`. */
  readonly price: number;
  /** The billable unit, e.g. "vCPU-second", "TiB", "key-month". */
  readonly unit: string;
  /** Regions this price holds for (a row per region where the page lists different prices). */
  readonly regions: readonly string[];
  /** The date the page was read (or the date the page states), `YYYY-MM-DD`. */
  readonly read: string;
  /** The pricing page. */
  readonly source: string;
  readonly free?: FreeAllowance;
}

/** A cloud's price table. */
export interface PriceTable {
  readonly cloud: "gcp" | "aws";
  readonly rows: readonly PriceRow[];
}

/** Every region some row of the table is priced for, sorted. */
export function pricedRegions(table: PriceTable): string[] {
  return [...new Set(table.rows.flatMap((r) => r.regions))].sort();
}

/** Every region each row of the table is priced for: the regions `check --cost` accepts. */
export function fullyPricedRegions(table: PriceTable): string[] {
  return pricedRegions(table).filter((region) => {
    const ids = new Set(table.rows.map((r) => r.id));
    return [...ids].every((id) =>
      table.rows.some((r) => r.id === id && r.regions.includes(region)),
    );
  });
}

/** Refuses a region the table does not price, naming it and the priced ones. */
export function assertPricedRegion(table: PriceTable, region: string | undefined): string {
  const priced = fullyPricedRegions(table);
  if (region === undefined) {
    throw new CostRegionError(
      `--cost: cannot tell the stack's ${table.cloud} region; priced regions: ${priced.join(", ")}`,
    );
  }
  if (!priced.includes(region)) {
    throw new CostRegionError(
      `--cost: region ${JSON.stringify(region)} is not priced for ${table.cloud}; priced regions: ${priced.join(", ")}`,
    );
  }
  return region;
}

/** The row `id` for `region`; throws when the table lacks it (a bug in the table, not user input). */
export function priceOf(table: PriceTable, id: string, region: string): PriceRow {
  const row = table.rows.find((r) => r.id === id && r.regions.includes(region));
  if (row === undefined) {
    throw new CostRegionError(`--cost: no ${table.cloud} price ${id} for region ${region}`);
  }
  return row;
}
