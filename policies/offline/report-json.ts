/**
 * The machine-readable check report (`--json`): one document,
 * `{ stack, cloud, resources: [{ urn, type, name, parent, inputs, options }], packaged, violations,
 * deployability, summary }`, where `deployability` lists what the cloud would refuse, `packaged`
 * names each file or folder the resources package with its content hash and `summary.policies`
 * counts findings per policy. Secret values appear only as placeholders.
 */
import type {
  CheckReport,
  PackagedArtifact,
  ReportResource,
  ReportSummary,
  Violation,
} from "./report-model";
import type { DeployabilityFinding } from "../deployability";
import type { CostEstimate } from "./cost/model";

/** The `--json` document. */
export interface JsonReport {
  readonly stack: string;
  readonly cloud: string | null;
  readonly resources: readonly ReportResource[];
  readonly packaged: readonly PackagedArtifact[];
  readonly violations: readonly Violation[];
  readonly deployability: readonly DeployabilityFinding[];
  readonly summary: ReportSummary;
  /** With `--cost`: fixed and per-event lines, free tier, totals at 1×, 10× and 100×. */
  readonly cost?: CostEstimate;
}

/** Picks the document's fields (renderer-only fields of the report stay out). */
export function toJsonReport(report: CheckReport): JsonReport {
  return {
    stack: report.stack,
    cloud: report.cloud,
    resources: report.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: r.inputs,
      options: r.options,
    })),
    packaged: report.packaged,
    violations: report.violations,
    deployability: report.deployability,
    summary: report.summary,
    ...(report.cost !== undefined ? { cost: report.cost } : {}),
  };
}

/** The document as printed: two-space indented, newline-terminated. */
export function renderJson(report: CheckReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
