/**
 * Audits a deployed stack: reads its `pulumi stack export` document and evaluates the policy packs
 * against it, resource policies on each resource's inputs and stack policies on the whole set with
 * outputs, parents and dependencies. The engine is passed in, so any engine with this shape works.
 */
import type { RecordedResource } from "./mock-types";
import { buildReport, type CheckReport, type PolicyMeta, type Violation } from "./report-model";
import { readStackState } from "./state-read";
import {
  checkDeployability,
  DEFAULT_LAMBDA_CONCURRENCY_LIMIT,
  deployabilityCatalog,
} from "../deployability";

/** What the audit needs of the policy engine (`policies/offline/evaluate.ts` has this shape). */
export interface PolicyEngine<Config> {
  evaluatePolicies(
    resources: readonly RecordedResource[],
    opts: { readonly stack: string; readonly project: string; readonly config?: Config },
  ): Promise<Violation[]>;
  policyCatalog(config?: Config): PolicyMeta[];
  /** The stack's default policy config, if it has one. */
  policyConfigForStack(stack: string): Config | undefined;
  loadPolicyConfig(path: string): Config;
}

export interface AuditOptions {
  /** The export file. */
  readonly stateFile: string;
  /** A policy config file; default: the audited stack's own, if any. */
  readonly policyConfigFile?: string;
  /** The account's Lambda concurrent-executions quota; AWS's standard 1000 when absent. */
  readonly lambdaConcurrencyLimit?: number;
}

/** The audit's report, plus what the reader could not vouch for. */
export interface AuditResult {
  readonly report: CheckReport;
  readonly project: string;
  readonly warnings: readonly string[];
}

/**
 * The cloud a stack runs on, from its resources' providers: `gcp`, `aws`, both joined by `+`
 * (`aws+gcp`), or null when it uses neither.
 */
export function cloudOfResources(resources: readonly RecordedResource[]): string | null {
  const clouds = new Set<string>();
  for (const r of resources) {
    const pkg = r.type.startsWith("pulumi:providers:") ? r.type.slice(17) : r.type.split(":")[0];
    if (pkg === "gcp" || pkg === "google-native") clouds.add("gcp");
    if (pkg === "aws" || pkg === "awsx" || pkg === "aws-native") clouds.add("aws");
  }
  return clouds.size === 0 ? null : [...clouds].sort().join("+");
}

/** Reads the export and evaluates the packs against it. */
export async function auditState<Config>(
  opts: AuditOptions,
  engine: PolicyEngine<Config>,
): Promise<AuditResult> {
  const state = readStackState(opts.stateFile);
  const config =
    opts.policyConfigFile !== undefined
      ? engine.loadPolicyConfig(opts.policyConfigFile)
      : engine.policyConfigForStack(state.stack);
  const violations = await engine.evaluatePolicies(state.resources, {
    stack: state.stack,
    project: state.project,
    ...(config !== undefined ? { config } : {}),
  });
  // An export carries no stack config, so the Lambda quota is AWS's standard one.
  const deployability = checkDeployability(state.resources, {
    source: "state",
    lambdaConcurrencyLimit: opts.lambdaConcurrencyLimit ?? DEFAULT_LAMBDA_CONCURRENCY_LIMIT,
    lambdaConcurrencyLimitSource:
      opts.lambdaConcurrencyLimit !== undefined
        ? "--lambda-concurrency-limit"
        : "AWS's standard quota; an export carries no stack config — pass --lambda-concurrency-limit",
  });
  const report = buildReport(
    state.stack,
    cloudOfResources(state.resources),
    state.resources,
    violations,
    engine.policyCatalog(config),
    deployability,
    deployabilityCatalog().map((r) => r.name),
  );
  return { report, project: state.project, warnings: state.warnings };
}
