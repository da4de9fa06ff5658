/**
 * The README's cost table: the shipped stacks' estimates beside the platform design's figures,
 * line by line. Generated from the estimates, so the README cannot drift from what `check` prints.
 */
import type { CostEstimate, CostLine } from "./model";
import { money } from "./render-text";

/** One shipped stack's estimate and the design's figure for its cloud. */
export interface ShippedEstimate {
  readonly stack: string;
  readonly estimate: CostEstimate;
  /** USD per month the design states for this cloud at 1 M events. */
  readonly design: number;
}

const lineRow = (l: CostLine): string =>
  `| ${l.kind} | ${l.item} | ${l.resources.length} | ${money(l.monthly)} |`;

/** The generated Markdown: a summary table, then every line of each estimate. */
export function renderCostMarkdown(shipped: readonly ShippedEstimate[]): string {
  const out = [
    "| stack | cloud, region | fixed | per event | total | design | difference |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...shipped.map(({ stack, estimate: e, design }) => {
      const diff = e.totals.total - design;
      return `| \`${stack}\` | ${e.cloud}, ${e.region} | ${money(e.totals.fixed)} | ${money(e.totals.perEvent)} | ${money(e.totals.total)} | ${money(design)} | ${diff >= 0 ? "+" : ""}${money(diff)} |`;
    }),
  ];
  for (const { stack, estimate: e } of shipped) {
    out.push(
      "",
      `\`npm run check -- --stack ${stack} --cost\` (${e.cloud}, free tier ${e.freeTierApplied ? "applied" : "not applied"}; with it: ${money(e.totals.total - e.totals.freeTier)}; at 10×: ${money(e.scaling[1]?.total ?? 0)}, at 100×: ${money(e.scaling[2]?.total ?? 0)}):`,
      "",
      "| kind | line | resources | monthly |",
      "| --- | --- | --- | --- |",
      ...[...e.fixed, ...e.perEvent].map(lineRow),
    );
  }
  return out.join("\n");
}
