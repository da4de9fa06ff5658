/**
 * What evaluating the whole policy pack costs over the 20-consumer stacks of both clouds, beside
 * two baselines measured in this run: the same evaluation over the 1-consumer stacks (scaling) and
 * a pass of no-op policies over the 20-consumer stacks (the cost of building the engine's args —
 * proxies, resource graphs — without any rule logic).
 */
import { z } from "zod";
import { resourcePolicy, stackPolicy, type PackPolicy } from "../../policies/lib/define";
import { evaluatePolicies, runPolicies } from "../../policies/offline/evaluate";
import type { RecordedResource } from "../../policies/offline/mock-types";
import { POLICIES } from "../../policies/pack";
import { json, manyConsumers, plan } from "../support/plan";
import { medianMs, type BenchRow } from "./harness";

const RUNS = 7;

/** As many no-op policies of each kind as the pack has. */
const NOOP: readonly PackPolicy[] = POLICIES.map((p, i) => {
  const meta = { ...p.meta, name: `noop-${i}` };
  return "validateStack" in p.policy
    ? stackPolicy(meta, { types: /./, check: () => undefined })
    : resourcePolicy(meta, { types: /./, schema: z.looseObject({}), check: () => undefined });
});

const STACKS = [
  { cloud: "aws", stack: "prod", overrides: {} },
  { cloud: "gcp", stack: "dev", overrides: {} },
] as const;

async function resources(
  stack: "dev" | "prod",
  consumers: number,
): Promise<readonly RecordedResource[]> {
  const p = await plan(stack, { "eventstack:consumers": json(manyConsumers(consumers)) });
  return p.resources;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { cloud, stack } of STACKS) {
    const one = await resources(stack, 1);
    const twenty = await resources(stack, 20);
    const opts = { stack, project: "eventstack" };
    // Warm-up: module loading is not part of evaluation.
    await evaluatePolicies(twenty, opts);
    const oneMs = await medianMs(() => evaluatePolicies(one, opts), RUNS);
    const twentyMs = await medianMs(() => evaluatePolicies(twenty, opts), RUNS);
    const noopMs = await medianMs(() => runPolicies(NOOP, twenty, opts), RUNS);
    const label = `${cloud} ${stack}`;
    rows.push(
      {
        section: "policies",
        name: `${POLICIES.length} policies, ${label}, 1 consumer (${one.length} resources)`,
        value: oneMs,
        unit: "ms",
      },
      {
        section: "policies",
        name: `${POLICIES.length} policies, ${label}, 20 consumers (${twenty.length} resources)`,
        value: twentyMs,
        unit: "ms",
        baseline: { name: "1 consumer", value: oneMs },
        target: `≤ 2× linear in resources (${((2 * twenty.length) / one.length).toFixed(0)}× baseline)`,
        met: twentyMs <= (2 * twenty.length * oneMs) / one.length,
      },
      {
        section: "policies",
        name: `${POLICIES.length} policies, ${label}, 20 consumers, rule logic vs no-op`,
        value: twentyMs,
        unit: "ms",
        baseline: { name: "no-op policies, same args", value: noopMs },
      },
    );
  }
  return rows;
}
