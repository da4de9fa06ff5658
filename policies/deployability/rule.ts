/**
 * Deployability rules: what the clouds (or the engine) would refuse at deploy time, checked offline
 * over the recorded plan or a stack export. Unlike policies they are not a matter of taste: every
 * finding is a deployment that fails (or a stack that cannot start), so they are always mandatory
 * and cannot be exempted.
 */
import type { RecordedResource } from "../../policies/offline/mock-types";

/** Where the resources came from: a plan of this program, or any program's stack export. */
export type ResourceSource = "plan" | "state";

/** What the rules know besides the resources. */
export interface DeployabilityContext {
  readonly source: ResourceSource;
  /**
   * The AWS account's Lambda concurrent-executions quota (Service Quotas L-B99A9384); AWS's
   * standard default is 1000.
   */
  readonly lambdaConcurrencyLimit: number;
  /** Where the limit came from, for the message (a config key, or "AWS's default"). */
  readonly lambdaConcurrencyLimitSource: string;
}

/** One thing the cloud would refuse. */
export interface DeployabilityFinding {
  /** The rule's name. */
  readonly rule: string;
  /** The resource at fault. */
  readonly urn: string;
  /** What the cloud requires, the offending value, and what to change. */
  readonly message: string;
  /** Other resources involved (e.g. the other half of a name collision). */
  readonly related?: readonly string[];
}

/** Static description of a rule, for reports and the README's catalog. */
export interface DeployabilityRuleMeta {
  /** `deployability-<thing>`. */
  readonly name: string;
  /** One sentence. */
  readonly description: string;
  readonly remediationSteps: string;
  /** The documents the rule's limits come from. */
  readonly sources: readonly string[];
  /** Whether the rule also runs on stack exports (`--state`). */
  readonly appliesTo: readonly ResourceSource[];
}

export interface DeployabilityRule {
  readonly meta: DeployabilityRuleMeta;
  check(resources: readonly RecordedResource[], ctx: DeployabilityContext): DeployabilityFinding[];
}
