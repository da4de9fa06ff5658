/**
 * The check report: what was planned (or audited) and what the policies found. Every output format
 * (text, JSON, SARIF) renders this one model.
 */
import {
  DEFAULT_RESOURCE_OPTIONS,
  type RecordedResource,
  type ResourceOptions,
  type SourcePosition,
} from "./mock-types";
import { deployabilityCatalog, type DeployabilityFinding } from "../deployability";
import type { CostEstimate } from "./cost/model";

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
  /** Its resource options, as the engine records them (defaults when none are known). */
  readonly options: ResourceOptions;
}

/** A file or folder the resources package, with the content hash of what was packaged. */
export interface PackagedArtifact {
  readonly kind: "asset" | "archive";
  /** Relative to the project directory. */
  readonly path: string;
  readonly sha256: string;
  /** URNs of the resources packaging it. */
  readonly resources: readonly string[];
}

/**
 * Static metadata of one policy, as reports need it (SARIF rules, the per-policy summary). The
 * engine's `PolicyInfo` has this shape.
 */
export interface PolicyMeta {
  readonly pack: string;
  readonly name: string;
  /** One sentence. */
  readonly description: string;
  readonly severity: Severity;
  /** Effective level after the policy config. */
  readonly enforcementLevel: EnforcementLevel;
  readonly remediationSteps: string;
  readonly tags: readonly string[];
  readonly checkovId?: string;
  readonly cdkNagId?: string;
}

/** Findings of one policy. */
export interface PolicySummary {
  readonly pack: string;
  readonly severity: Severity;
  readonly enforcementLevel: EnforcementLevel;
  /** Open findings (not exempted). */
  readonly violations: number;
  readonly exempted: number;
}

/** Deployability findings: what the cloud or the engine would refuse. Always fail the check. */
export interface DeployabilitySummary {
  readonly findings: number;
  /** Findings per rule, by name: every rule, with zeros. */
  readonly rules: Record<string, number>;
}

export interface ReportSummary {
  readonly resources: number;
  readonly components: number;
  readonly byType: Record<string, number>;
  readonly violations: {
    readonly mandatory: number;
    readonly advisory: number;
    readonly exempted: number;
  };
  /** Per policy, by name: every policy of the catalog (when known) and every policy that fired. */
  readonly policies: Record<string, PolicySummary>;
  readonly deployability: DeployabilitySummary;
}

export interface CheckReport {
  readonly stack: string;
  readonly cloud: string | null;
  readonly resources: ReportResource[];
  /** Files and folders the resources package (e.g. the Lambda bundle), by path. */
  readonly packaged: readonly PackagedArtifact[];
  readonly violations: Violation[];
  /** What the cloud or the engine would refuse (never exempted, always failing). */
  readonly deployability: readonly DeployabilityFinding[];
  readonly summary: ReportSummary;
  /** The policies evaluated, when known; for renderers (not part of the JSON document). */
  readonly catalog?: readonly PolicyMeta[];
  /** Where each resource was registered, by URN, when known; for renderers (not in the JSON). */
  readonly sourcePositions?: Readonly<Record<string, SourcePosition>>;
  /** The monthly cost estimate, with `--cost`. */
  readonly cost?: CostEstimate;
}

/** Builds the report from recorded resources and findings. */
export function buildReport(
  stack: string,
  cloud: string | null,
  recorded: readonly RecordedResource[],
  violations: readonly Violation[],
  catalog?: readonly PolicyMeta[],
  deployability: readonly DeployabilityFinding[] = [],
  deployabilityRules: readonly string[] = deployabilityCatalog().map((r) => r.name),
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
      options: r.options ?? DEFAULT_RESOURCE_OPTIONS,
    })),
    packaged: packagedArtifacts(recorded),
    violations: [...violations],
    deployability: [...deployability],
    summary: {
      resources: recorded.length,
      components: recorded.filter((r) => !r.custom).length,
      byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
      violations: {
        mandatory: open.filter((v) => v.enforcementLevel === "mandatory").length,
        advisory: open.filter((v) => v.enforcementLevel === "advisory").length,
        exempted: violations.length - open.length,
      },
      policies: summarizePolicies(violations, catalog ?? []),
      deployability: summarizeDeployability(deployability, deployabilityRules),
    },
    ...(catalog ? { catalog: [...catalog] } : {}),
    sourcePositions: Object.fromEntries(
      recorded.flatMap((r) => (r.sourcePosition ? [[r.urn, r.sourcePosition] as const] : [])),
    ),
  };
}

/** Every packaged path once, sorted, with the resources packaging it. */
export function packagedArtifacts(recorded: readonly RecordedResource[]): PackagedArtifact[] {
  const byPath = new Map<string, { kind: "asset" | "archive"; sha256: string; urns: string[] }>();
  for (const r of recorded) {
    for (const p of r.packaged ?? []) {
      const key = `${p.kind}\0${p.path}`;
      const entry = byPath.get(key) ?? { kind: p.kind, sha256: p.sha256, urns: [] };
      if (!entry.urns.includes(r.urn)) entry.urns.push(r.urn);
      byPath.set(key, entry);
    }
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, e]) => ({
      kind: e.kind,
      path: key.slice(key.indexOf("\0") + 1),
      sha256: e.sha256,
      resources: [...e.urns].sort(),
    }));
}

/** Counts deployability findings per rule; every rule of `rules` is listed, with zeros. */
export function summarizeDeployability(
  findings: readonly DeployabilityFinding[],
  rules: readonly string[],
): DeployabilitySummary {
  const counts: Record<string, number> = Object.fromEntries(rules.map((r) => [r, 0]));
  for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  return {
    findings: findings.length,
    rules: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** True when the check fails: a mandatory violation or any deployability finding. */
export function failed(report: CheckReport): boolean {
  return report.summary.violations.mandatory > 0 || report.summary.deployability.findings > 0;
}

/** Counts findings per policy; policies of the catalog that found nothing are listed with zeros. */
export function summarizePolicies(
  violations: readonly Violation[],
  catalog: readonly PolicyMeta[],
): Record<string, PolicySummary> {
  const counts = new Map<
    string,
    { meta: Omit<PolicySummary, "violations" | "exempted">; open: number; exempted: number }
  >();
  for (const p of catalog) {
    counts.set(p.name, {
      meta: { pack: p.pack, severity: p.severity, enforcementLevel: p.enforcementLevel },
      open: 0,
      exempted: 0,
    });
  }
  for (const v of violations) {
    const entry = counts.get(v.policy) ?? {
      meta: { pack: v.pack, severity: v.severity, enforcementLevel: v.enforcementLevel },
      open: 0,
      exempted: 0,
    };
    if (v.exemption === undefined) entry.open++;
    else entry.exempted++;
    counts.set(v.policy, entry);
  }
  return Object.fromEntries(
    [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, c]) => [name, { ...c.meta, violations: c.open, exempted: c.exempted }]),
  );
}
