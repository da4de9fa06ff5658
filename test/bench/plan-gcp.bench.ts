/**
 * What planning the GCP platform costs as consumers grow: the prod config on GCP (customer-managed
 * keys, private networking) with 20 consumers beside the same config with one (the baseline),
 * both planned under the mock runtime in this run.
 */
import { medianMs, type BenchRow } from "./harness";
import { json, manyConsumers, plan } from "../support/plan";

const RUNS = 5;

/** Plans prod on GCP with `n` consumers and returns how many resources it planned. */
async function planGcp(n: number): Promise<number> {
  const p = await plan("prod", {
    "eventstack:cloud": "gcp",
    "eventstack:consumers": json(manyConsumers(n)),
  });
  return p.resources.length;
}

export async function run(): Promise<BenchRow[]> {
  // Warm-up: module loading and TypeScript compilation are not part of planning.
  const oneResources = await planGcp(1);
  const twentyResources = await planGcp(20);
  const one = await medianMs(() => planGcp(1), RUNS);
  const twenty = await medianMs(() => planGcp(20), RUNS);
  const baseline = { name: "gcp prod, 1 consumer", value: one };
  return [
    { section: "plan", name: baseline.name, value: one, unit: "ms" },
    {
      section: "plan",
      name: "gcp prod, 20 consumers",
      value: twenty,
      unit: "ms",
      baseline,
      target: "≤ 20× baseline (no worse than linear in consumers)",
      met: twenty <= 20 * one,
    },
    {
      section: "plan",
      name: "gcp prod, 20 consumers, per planned resource",
      value: twenty / twentyResources,
      unit: "ms",
      baseline: { name: "1 consumer, per planned resource", value: one / oneResources },
      target: "≤ 2× baseline (no super-linear cost per resource)",
      met: twenty / twentyResources <= 2 * (one / oneResources),
    },
  ];
}
