/**
 * SARIF 2.1.0 for GitHub code scanning (`--sarif FILE`): one rule per policy, one result per
 * finding, the resource's URN as logical location and the program line that registered it as
 * physical location.
 *
 * Level mapping (rule default and result):
 *
 * | enforcement | critical | high  | medium  | low     |
 * |-------------|----------|-------|---------|---------|
 * | mandatory   | error    | error | error   | warning |
 * | advisory    | warning  | warning | warning | note  |
 * | disabled    | none     | none  | none    | none    |
 *
 * Code scanning rejects a file in which any result lacks a physical location, so a finding whose
 * resource has no position of its own points at its nearest ancestor's, else at the stack's
 * config file (line 1); the URN is always the logical location.
 */
import { createHash } from "node:crypto";
import type {
  CheckReport,
  EnforcementLevel,
  PolicyMeta,
  Severity,
  Violation,
} from "./report-model";
import { programFile, type SourcePosition } from "./state-position";
import {
  deployabilityCatalog,
  type DeployabilityFinding,
  type DeployabilityRuleMeta,
} from "../deployability";

export type SarifLevel = "error" | "warning" | "note" | "none";

/** The level of a policy's findings, from its enforcement level and severity. */
export function sarifLevel(enforcement: EnforcementLevel, severity: Severity): SarifLevel {
  if (enforcement === "disabled") return "none";
  if (enforcement === "mandatory") return severity === "low" ? "warning" : "error";
  return severity === "low" ? "note" : "warning";
}

/** GitHub's numeric severity (shown for rules tagged `security`). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};
const PROBLEM_SEVERITY: Record<SarifLevel, string> = {
  error: "error",
  warning: "warning",
  note: "recommendation",
  none: "recommendation",
};

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export interface SarifOptions {
  /** `tool.driver.name`. */
  readonly toolName: string;
  readonly toolVersion: string;
  readonly informationUri: string;
  /** Repository-relative directory of the Pulumi project ("" when it is the repository root). */
  readonly projectPath: string;
  /** Project-relative file findings fall back to when no program line is known. */
  readonly fallbackFile: string;
  /** Where the resources came from, recorded in the run's properties. */
  readonly source: "plan" | "state";
}

type Json = Record<string, unknown>;

function ruleFor(p: PolicyMeta): Json {
  const level = sarifLevel(p.enforcementLevel, p.severity);
  const mappings = [
    p.checkovId ? `Checkov ${p.checkovId}` : undefined,
    p.cdkNagId ? `cdk-nag ${p.cdkNagId}` : undefined,
  ].filter((m): m is string => m !== undefined);
  const facts = `Severity: ${p.severity}. Enforcement: ${p.enforcementLevel}. Pack: ${p.pack}.`;
  const mapped = mappings.length > 0 ? `Equivalent rules: ${mappings.join(", ")}.` : "";
  return {
    id: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: `${p.description} ${facts}` },
    help: {
      text: [p.description, facts, `Remediation: ${p.remediationSteps}`, mapped]
        .filter(Boolean)
        .join("\n\n"),
      markdown: [
        `**${p.description}**`,
        `Severity: \`${p.severity}\` · Enforcement: \`${p.enforcementLevel}\` · Pack: \`${p.pack}\``,
        `### Remediation\n\n${p.remediationSteps}`,
        mappings.length > 0
          ? `Equivalent rules: ${mappings.map((m) => `\`${m}\``).join(", ")}`
          : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    },
    defaultConfiguration: { level, enabled: p.enforcementLevel !== "disabled" },
    properties: {
      tags: [...p.tags],
      severity: p.severity,
      enforcementLevel: p.enforcementLevel,
      pack: p.pack,
      "security-severity": SECURITY_SEVERITY[p.severity],
      "problem.severity": PROBLEM_SEVERITY[level],
      ...(p.checkovId ? { checkovId: p.checkovId } : {}),
      ...(p.cdkNagId ? { cdkNagId: p.cdkNagId } : {}),
    },
  };
}

/** A policy seen only through its findings (not in the catalog): what the findings say of it. */
function metaFromViolation(v: Violation): PolicyMeta {
  return {
    pack: v.pack,
    name: v.policy,
    description: `Policy ${v.policy} of pack ${v.pack}.`,
    severity: v.severity,
    enforcementLevel: v.enforcementLevel,
    remediationSteps: "See the policy pack's documentation.",
    tags: [],
  };
}

/** What results need to know of the resources, indexed once. */
interface Index {
  readonly parents: ReadonlyMap<string, string | null>;
  readonly names: ReadonlyMap<string, string>;
  readonly positions: Readonly<Record<string, SourcePosition>>;
}

/** The program position a finding is shown at: its resource's, else its nearest ancestor's. */
function positionFor(urn: string, { parents, positions }: Index): SourcePosition | undefined {
  const seen = new Set<string>();
  let cur: string | null | undefined = urn;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const pos = positions[cur];
    if (pos && programFile(pos) !== undefined) return pos;
    cur = parents.get(cur);
  }
  return undefined;
}

function joinPath(base: string, file: string): string {
  return base === "" ? file : `${base.replace(/\/+$/, "")}/${file}`;
}

/**
 * Where a finding is: the program line that registered its resource (else the fallback file's
 * first line), the resource's URN as logical location, and any other resources involved.
 */
function locationFor(urn: string, related: readonly string[], at: Index, opts: SarifOptions): Json {
  const pos = positionFor(urn, at);
  const file = pos ? programFile(pos) : undefined;
  const name = at.names.get(urn);
  return {
    physicalLocation: {
      artifactLocation: { uri: joinPath(opts.projectPath, file ?? opts.fallbackFile) },
      region:
        pos && file
          ? {
              startLine: pos.line,
              ...(pos.column !== undefined ? { startColumn: pos.column } : {}),
            }
          : { startLine: 1 },
    },
    logicalLocations: [
      { fullyQualifiedName: urn, ...(name !== undefined ? { name } : {}), kind: "resource" },
      ...related.map((u) => ({ fullyQualifiedName: u, kind: "resource" })),
    ],
  };
}

function resultFor(v: Violation, ruleIndex: number, at: Index, opts: SarifOptions): Json {
  return {
    ruleId: v.policy,
    ruleIndex,
    level: sarifLevel(v.enforcementLevel, v.severity),
    message: { text: `${v.message}\nResource: ${v.urn}` },
    locations: [locationFor(v.urn, [], at, opts)],
    partialFingerprints: {
      "eventstackFinding/v1": createHash("sha256").update(`${v.policy}\0${v.urn}`).digest("hex"),
    },
    ...(v.exemption
      ? {
          suppressions: [
            { kind: "external", status: "accepted", justification: v.exemption.reason },
          ],
        }
      : {}),
    properties: { enforcementLevel: v.enforcementLevel, severity: v.severity, pack: v.pack },
  };
}

/** A deployability rule as a SARIF rule: always an error, never configurable. */
function deployabilityRuleFor(r: DeployabilityRuleMeta): Json {
  const sources = r.sources.map((u) => `- ${u}`).join("\n");
  return {
    id: r.name,
    shortDescription: { text: r.description },
    fullDescription: {
      text: `${r.description} The cloud or the engine refuses a stack that breaks it.`,
    },
    help: {
      text: `${r.description}\n\nRemediation: ${r.remediationSteps}\n\nSources:\n${sources}`,
      markdown: `**${r.description}**\n\n### Remediation\n\n${r.remediationSteps}\n\n### Sources\n\n${sources}`,
    },
    defaultConfiguration: { level: "error", enabled: true },
    properties: { tags: ["deployability"], "problem.severity": "error" },
  };
}

function deployabilityResult(
  f: DeployabilityFinding,
  ruleIndex: number,
  at: Index,
  opts: SarifOptions,
): Json {
  const related = f.related ?? [];
  return {
    ruleId: f.rule,
    ruleIndex,
    level: "error",
    message: {
      text: `${f.message}\nResource: ${f.urn}${related.map((u) => `\nAlso: ${u}`).join("")}`,
    },
    locations: [locationFor(f.urn, related, at, opts)],
    partialFingerprints: {
      "eventstackFinding/v1": createHash("sha256")
        .update(`${f.rule}\0${f.urn}\0${f.message}`)
        .digest("hex"),
    },
  };
}

/** The SARIF log, as an object. */
export function toSarif(report: CheckReport, opts: SarifOptions): Json {
  const catalog = [...(report.catalog ?? [])];
  for (const v of report.violations) {
    if (!catalog.some((p) => p.name === v.policy)) catalog.push(metaFromViolation(v));
  }
  const rules = catalog.sort((a, b) => a.name.localeCompare(b.name));
  const ruleIndex = new Map(rules.map((p, i) => [p.name, i]));
  const deployRules = deployabilityCatalog();
  const deployIndex = new Map(deployRules.map((r, i) => [r.name, i]));
  const at: Index = {
    parents: new Map(report.resources.map((r) => [r.urn, r.parent])),
    names: new Map(report.resources.map((r) => [r.urn, r.name])),
    positions: report.sourcePositions ?? {},
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: opts.toolName,
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            informationUri: opts.informationUri,
            rules: rules.map(ruleFor),
          },
        },
        columnKind: "utf16CodeUnits",
        results: report.violations.map((v) => resultFor(v, ruleIndex.get(v.policy) ?? 0, at, opts)),
        properties: { stack: report.stack, cloud: report.cloud, source: opts.source },
      },
      // Deployability has its own run (its own tool section): its rules are not policies and
      // cannot be configured or exempted.
      {
        tool: {
          driver: {
            name: `${opts.toolName}-deployability`,
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            informationUri: opts.informationUri,
            rules: deployRules.map(deployabilityRuleFor),
          },
        },
        columnKind: "utf16CodeUnits",
        results: report.deployability.map((f) =>
          deployabilityResult(f, deployIndex.get(f.rule) ?? 0, at, opts),
        ),
        properties: { stack: report.stack, cloud: report.cloud, source: opts.source },
      },
    ],
  };
}

/** The SARIF log as written to `--sarif FILE`. */
export function renderSarif(report: CheckReport, opts: SarifOptions): string {
  return `${JSON.stringify(toSarif(report, opts), null, 2)}\n`;
}
