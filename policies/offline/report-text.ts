/**
 * The human-readable check report: the resource tree, then findings, then a one-line summary.
 */
import type { CheckReport, ReportResource } from "./report-model";

/** Renders the planned resource tree (type, name) under its parents. */
export function renderTree(resources: readonly ReportResource[]): string[] {
  const children = new Map<string | null, ReportResource[]>();
  const known = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    const parent = r.parent !== null && known.has(r.parent) ? r.parent : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string | null, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const branch = parent === null ? "" : last ? "└─ " : "├─ ";
      lines.push(`${prefix}${branch}${r.type}  ${r.name}`);
      walk(r.urn, parent === null ? prefix : `${prefix}${last ? "   " : "│  "}`);
    });
  };
  walk(null, "");
  return lines;
}

/** The full text report. */
export function renderText(report: CheckReport): string {
  const s = report.summary;
  const lines = [
    `Stack ${report.stack}${report.cloud ? ` (${report.cloud})` : ""}: ${s.resources} resources planned`,
    "",
    ...renderTree(report.resources),
    "",
    `${s.resources} resources (${s.resources - s.components} cloud resources, ${s.components} components); ` +
      `${s.violations.mandatory} mandatory and ${s.violations.advisory} advisory violations, ${s.violations.exempted} exempted`,
  ];
  return `${lines.join("\n")}\n`;
}
