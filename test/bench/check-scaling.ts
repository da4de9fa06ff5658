/**
 * What an offline check costs as consumers grow, on one cloud: the prod config with 20 consumers
 * beside the same config with one (the baseline), planned under the mock runtime and evaluated by
 * the policy pack in this run.
 */
import { medianMs, type BenchRow } from "./harness";
import { freshPlan, loadOverrides } from "../support/plan";
import { evaluatePolicies } from "../../policies/offline/evaluate";
import type { Cloud } from "../../components/config";

const RUNS = 5;

/** Plans prod on `cloud` with `n` consumers; with `policies`, also evaluates the pack. */
async function check(cloud: Cloud, n: number, policies: boolean): Promise<number> {
  const p = await freshPlan("prod", loadOverrides(cloud, n));
  if (policies) await evaluatePolicies(p.resources, { stack: p.stack, project: p.project });
  return p.resources.length;
}

/** Rows for planning alone and for the whole check, 20 consumers against 1. */
export async function checkScalingRows(cloud: Cloud): Promise<BenchRow[]> {
  // Warm-up: module loading and TypeScript compilation are not part of planning.
  const oneResources = await check(cloud, 1, true);
  const twentyResources = await check(cloud, 20, true);
  const rows: BenchRow[] = [];
  for (const [what, policies] of [
    ["plan", false],
    ["check (plan + policies)", true],
  ] as const) {
    const one = await medianMs(() => check(cloud, 1, policies), RUNS);
    const twenty = await medianMs(() => check(cloud, 20, policies), RUNS);
    const baseline = { name: `${cloud} prod ${what}, 1 consumer`, value: one };
    rows.push(
      { section: "plan", name: baseline.name, value: one, unit: "ms" },
      {
        section: "plan",
        name: `${cloud} prod ${what}, 20 consumers`,
        value: twenty,
        unit: "ms",
        baseline,
        target: "≤ 20× baseline (no worse than linear in consumers)",
        met: twenty <= 20 * one,
      },
      {
        section: "plan",
        name: `${cloud} prod ${what}, 20 consumers, per resource`,
        value: twenty / twentyResources,
        unit: "ms",
        baseline: { name: "1 consumer, per resource", value: one / oneResources },
        target: "≤ 2× baseline (no super-linear cost per resource)",
        met: twenty / twentyResources <= 2 * (one / oneResources),
      },
    );
  }
  return rows;
}
