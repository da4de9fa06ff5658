/** The cost section of the text report. */
import type { CostEstimate, CostLine } from "./model";

/** `$12.34`; amounts under a cent keep four decimals so they do not read as nothing. */
export function money(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}$${abs !== 0 && abs < 0.01 ? abs.toFixed(4) : abs.toFixed(2)}`;
}

const quantityText = (q: number): string =>
  q.toLocaleString("en-US", { maximumSignificantDigits: 6, maximumFractionDigits: 6 });

function lineText(l: CostLine): string[] {
  return [
    `    ${money(l.monthly).padStart(9)}  ${l.item}: ${quantityText(l.quantity)} ${l.unit} × $${l.unitPrice}  (${l.resources.join(", ")})`,
    `               ${l.assumption}`,
  ];
}

/** The section's lines, without a trailing blank line. */
export function renderCostSection(e: CostEstimate): string[] {
  const a = e.assumptions;
  const reads = [...new Set([...e.fixed, ...e.perEvent].map((l) => l.read))].sort().join(", ");
  const lines = [
    `Cost estimate: ${e.cloud} ${e.region}, ${e.currency} per month (prices read ${reads}; free tier ${e.freeTierApplied ? "applied" : "not applied"})`,
    `  assumes ${a.eventsPerMonth.toLocaleString("en-US")} events/month, ${a.avgDurationMs} ms per delivery, ${a.payloadKb} KB payload, ` +
      `${a.consumersPerEvent} consumers per event, ${a.deadLetterPercent}% dead-lettered, ${a.logKbPerDelivery} KB of logs per delivery`,
    "",
    `  Fixed monthly (${money(e.totals.fixed)}):`,
    ...e.fixed.flatMap(lineText),
    "",
    `  Per event (${money(e.totals.perEvent)}):`,
    ...e.perEvent.flatMap(lineText),
    "",
    `  Free tier (${e.freeTierApplied ? "applied" : "not applied; --free-tier subtracts it"}): ${money(e.totals.freeTier)}`,
    ...e.freeTier.map(
      (c) =>
        `    ${money(-c.amount).padStart(9)}  ${c.priceIds.join(" + ")}: ${quantityText(c.quantity)} ${c.unit} free ${c.scope}`,
    ),
    "",
    `  Total: ${money(e.totals.total)} per month` +
      (e.freeTierApplied
        ? ` (${money(e.totals.fixed + e.totals.perEvent)} before the free tier)`
        : ""),
    ...e.scaling
      .filter((s) => s.factor !== 1)
      .map(
        (s) =>
          `    at ${s.factor}× (${s.eventsPerMonth.toLocaleString("en-US")} events/month): ${money(s.total)}`,
      ),
  ];
  if (e.notEstimated.length > 0) {
    lines.push("", `  Not estimated (${e.notEstimated.reduce((n, g) => n + g.names.length, 0)}):`);
    for (const g of e.notEstimated)
      lines.push(`    ${g.type}: ${g.names.join(", ")} — ${g.reason}`);
  }
  if (e.noCharge.length > 0) {
    lines.push("", `  No charge (${e.noCharge.reduce((n, g) => n + g.count, 0)}):`);
    for (const g of e.noCharge) lines.push(`    ${g.type} ×${g.count} — ${g.reason}`);
  }
  return lines;
}
