/** Test helpers: plan a shipped stack once per suite and find an estimate's lines. */
import assert from "node:assert/strict";
import type { CostEstimate, CostLine } from "../../../../policies/offline/cost/model";

/** The one line of `item` that prices `resource`. */
export function lineFor(e: CostEstimate, item: string, resource: string): CostLine {
  const found = [...e.fixed, ...e.perEvent].filter(
    (l) => l.item === item && l.resources.includes(resource),
  );
  assert.equal(found.length, 1, `one ${item} line for ${resource}, found ${found.length}`);
  return found[0] as CostLine;
}

/** Sum of the lines of `item`. */
export function amountOf(e: CostEstimate, item: string): number {
  return [...e.fixed, ...e.perEvent]
    .filter((l) => l.item === item)
    .reduce((s, l) => s + l.monthly, 0);
}

/** Equal to a cent-hundredth (amounts are rounded to 4 decimals). */
export function assertUsd(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 0.0002, `${what}: expected $${expected}, got $${actual}`);
}
