/**
 * The human-readable check report: the resource tree (plans), findings grouped by severity,
 * exemptions with their reasons, then a one-line summary.
 */
import { renderCostSection } from "./cost/render-text";
import type {
  CheckReport,
  EnforcementLevel,
  ReportResource,
  Severity,
  Violation,
} from "./report-model";
import { failed } from "./report-model";
import { describePosition } from "./state-position";

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

/** How the resources were obtained, for the header. */
export interface TextOptions {
  /** The export file of a state audit; plans when absent. */
  readonly stateFile?: string;
  /** Print the resource tree. Default: true for plans, false for audits. */
  readonly tree?: boolean;
}

const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low"];
const LEVEL_ORDER: readonly EnforcementLevel[] = ["mandatory", "advisory", "disabled"];

function byImportance(a: Violation, b: Violation): number {
  return (
    LEVEL_ORDER.indexOf(a.enforcementLevel) - LEVEL_ORDER.indexOf(b.enforcementLevel) ||
    a.policy.localeCompare(b.policy) ||
    a.urn.localeCompare(b.urn)
  );
}

function findingLines(v: Violation, report: CheckReport, label: string, indent: string): string[] {
  const pos = report.sourcePositions?.[v.urn];
  const where = pos ? describePosition(pos) : undefined;
  return [
    `${indent}[${label}] ${v.policy}`,
    `${indent}  resource: ${v.urn}${where ? `  (${where})` : ""}`,
    ...v.message.split("\n").map((line) => `${indent}  ${line}`),
  ];
}

/** Open findings grouped by severity, critical first; then exemptions with their reasons. */
export function renderFindings(report: CheckReport): string[] {
  const open = report.violations.filter((v) => v.exemption === undefined);
  const exempted = report.violations.filter((v) => v.exemption !== undefined);
  const lines: string[] = [];
  if (open.length === 0) lines.push("No violations.");
  else lines.push(`Violations (${open.length}):`);
  for (const severity of SEVERITY_ORDER) {
    const group = open.filter((v) => v.severity === severity).sort(byImportance);
    if (group.length === 0) continue;
    lines.push("", `  ${severity.toUpperCase()} (${group.length})`);
    for (const v of group) lines.push(...findingLines(v, report, v.enforcementLevel, "    "));
  }
  if (exempted.length > 0) {
    lines.push("", `Exempted (${exempted.length}):`);
    for (const v of [...exempted].sort(byImportance)) {
      lines.push(
        ...findingLines(v, report, `${v.severity}, ${v.enforcementLevel}`, "  "),
        `    exempted: ${v.exemption?.reason ?? ""}`,
      );
    }
  }
  return lines;
}

/**
 * What the cloud or the engine would refuse, apart from the policies: each finding with its rule,
 * resource and the other resources involved.
 */
export function renderDeployability(report: CheckReport): string[] {
  const findings = report.deployability;
  const rules = Object.keys(report.summary.deployability.rules).length;
  if (findings.length === 0) return [`Deployable: no findings of ${rules} deployability rules.`];
  const lines = [
    `Not deployable (${findings.length}): the cloud or the engine would refuse these.`,
  ];
  const sorted = [...findings].sort(
    (a, b) => a.rule.localeCompare(b.rule) || a.urn.localeCompare(b.urn),
  );
  for (const f of sorted) {
    const pos = report.sourcePositions?.[f.urn];
    const where = pos ? describePosition(pos) : undefined;
    lines.push(
      `  [deployability] ${f.rule}`,
      `    resource: ${f.urn}${where ? `  (${where})` : ""}`,
      ...(f.related ?? []).map((urn) => `    also:     ${urn}`),
      ...f.message.split("\n").map((line) => `    ${line}`),
    );
  }
  return lines;
}

/** The closing line: verdict, counts, and what was checked. */
export function summaryLine(report: CheckReport): string {
  const s = report.summary;
  const policies = Object.keys(s.policies).length;
  const verdict = failed(report) ? "FAIL" : "PASS";
  const deployability = s.deployability.findings;
  return (
    `${verdict}: ${deployability > 0 ? `${deployability} deployability finding${deployability === 1 ? "" : "s"}, ` : ""}` +
    `${s.violations.mandatory} mandatory and ${s.violations.advisory} advisory violations, ` +
    `${s.violations.exempted} exempted; ${s.resources} resources (${s.resources - s.components} cloud resources, ` +
    `${s.components} components)${policies > 0 ? `, ${policies} policies` : ""}`
  );
}

/** One line per packaged file or folder: which build the plan deploys. */
export function renderPackaged(report: CheckReport): string[] {
  return report.packaged.map(
    (p) =>
      `packaged ${p.path} ${p.sha256} (${p.resources.length} resource${p.resources.length === 1 ? "" : "s"})`,
  );
}

/** The full text report: header, resource tree (plans), findings, one-line summary. */
export function renderText(report: CheckReport, opts: TextOptions = {}): string {
  const s = report.summary;
  const tree = opts.tree ?? opts.stateFile === undefined;
  const what = opts.stateFile === undefined ? "planned" : `audited from ${opts.stateFile}`;
  const lines = [
    `Stack ${report.stack}${report.cloud ? ` (${report.cloud})` : ""}: ${s.resources} resources ${what}`,
    "",
    ...(tree ? [...renderTree(report.resources), ""] : []),
    ...(report.packaged.length > 0 ? [...renderPackaged(report), ""] : []),
    ...renderDeployability(report),
    "",
    ...renderFindings(report),
    "",
    ...(report.cost !== undefined ? [...renderCostSection(report.cost), ""] : []),
    summaryLine(report),
  ];
  return `${lines.join("\n")}\n`;
}
