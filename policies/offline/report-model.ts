/**
 * The check report: what was planned (or audited) and what the policies found. Every output format
 * (text, JSON, SARIF) renders this one model.
 */
import type { RecordedResource } from "./mock-types";

export type EnforcementLevel = "mandatory" | "advisory" | "disabled";
export type Severity = "critical" | "high" | "medium" | "low";

/** One policy finding against one resource (or the stack). */
export interface Violation {
  readonly pack: string;
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  /** URN of the resource at fault. */
  readonly urn: string;
  readonly message: string;
  /** Present when an exemption covers this finding; exempted findings never fail the check. */
  readonly exemption?: { readonly reason: string };
}

/** A resource as reported: what the engine knows of it. */
export interface ReportResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
}

export interface ReportSummary {
  readonly resources: number;
  readonly components: number;
  readonly byType: Record<string, number>;
  readonly violations: { readonly mandatory: number; readonly advisory: number; readonly exempted: number };
}

export interface CheckReport {
  readonly stack: string;
  readonly cloud: string | null;
  readonly resources: ReportResource[];
  readonly violations: Violation[];
  readonly summary: ReportSummary;
}

/** Builds the report from recorded resources and findings. */
export function buildReport(
  stack: string,
  cloud: string | null,
  recorded: readonly RecordedResource[],
  violations: readonly Violation[],
): CheckReport {
  const byType: Record<string, number> = {};
  for (const r of recorded) byType[r.type] = (byType[r.type] ?? 0) + 1;
  const open = violations.filter((v) => v.exemption === undefined);
  return {
    stack,
    cloud,
    resources: recorded.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? null,
      inputs: r.inputs,
    })),
    violations: [...violations],
    summary: {
      resources: recorded.length,
      components: recorded.filter((r) => !r.custom).length,
      byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
      violations: {
        mandatory: open.filter((v) => v.enforcementLevel === "mandatory").length,
        advisory: open.filter((v) => v.enforcementLevel === "advisory").length,
        exempted: violations.length - open.length,
      },
    },
  };
}
