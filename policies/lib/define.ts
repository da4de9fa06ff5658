/**
 * How a policy is declared here: its metadata, its rule as a pure check over plain data, and the
 * wrapping that turns it into the object @pulumi/policy registers — type filtering via
 * `notApplicable`, parsing untrusted properties, and exemptions.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { z } from "zod";
import { EXEMPTIONS_CONFIG_SCHEMA, exemptionFor } from "./exemptions";
import { describeShapeError, plain } from "./values";

export type Severity = "critical" | "high" | "medium" | "low";
/** Pack default levels: mandatory for security and data-loss rules, advisory for hygiene. */
export type DefaultLevel = "mandatory" | "advisory";

/** Everything a report needs to know about a policy besides its findings. */
export interface PolicyMeta {
  /** `<cloud>-<service>-<resource>-<verb>-<thing>`. */
  readonly name: string;
  /** One sentence. */
  readonly description: string;
  readonly severity: Severity;
  readonly enforcementLevel: DefaultLevel;
  readonly tags: readonly string[];
  readonly remediationSteps: string;
  /** Matching Checkov check id(s), comma-separated when several services have their own. */
  readonly checkovId?: string;
  /** Matching cdk-nag rule id. */
  readonly cdkNagId?: string;
}

/** A policy as the pack registers it, with its metadata. */
export interface PackPolicy {
  readonly meta: PolicyMeta;
  readonly policy: ResourceValidationPolicy | StackValidationPolicy;
  /** The resource types the rule applies to (for documentation and tests). */
  readonly types: readonly string[] | RegExp;
}

/**
 * The object form of a violation that @pulumi/policy's analyzer accepts (server.js
 * `makeReportViolationFun`); used to report exempted findings at advisory level. `exemption` and
 * `detail` are ignored by the engine and read by the offline evaluator.
 */
export interface ViolationReport {
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel: "advisory";
  readonly exemption: { readonly reason: string };
  readonly detail: string;
}

type DetailedReport = (message: string | ViolationReport, urn?: string) => void;

/** Reports through the engine, downgrading findings on exempted resources to advisory. */
function exemptingReporter(
  config: unknown,
  reportViolation: ReportViolation,
): (message: string, urn: string | undefined) => void {
  // The analyzer accepts an object in place of the message (see ViolationReport).
  const report = reportViolation as unknown as DetailedReport;
  return (message, urn) => {
    const exemption = exemptionFor(config, urn);
    if (exemption === undefined) {
      report(message, urn);
      return;
    }
    report({
      message: `[exempted] ${message} Exemption: ${exemption.reason}`,
      urn,
      enforcementLevel: "advisory",
      exemption: { reason: exemption.reason },
      detail: message,
    });
  };
}

function basePolicy(meta: PolicyMeta) {
  return {
    name: meta.name,
    description: meta.description,
    enforcementLevel: meta.enforcementLevel,
    severity: meta.severity,
    tags: [...meta.tags],
    remediationSteps: meta.remediationSteps,
    configSchema: EXEMPTIONS_CONFIG_SCHEMA,
  };
}

/** What a resource check sees besides the parsed properties. */
export interface ResourceContext {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Reports a violation against this resource. */
  report(message: string): void;
}

export interface ResourceRule<S extends z.ZodType> {
  /** Resource type tokens this rule applies to (a RegExp for families such as `*IamMember`). */
  readonly types: readonly string[] | RegExp;
  /** The shape of the properties the rule reads; anything else is ignored. */
  readonly schema: S;
  /** The rule: pure, over the parsed properties (inputs during preview). */
  check(props: z.infer<S>, ctx: ResourceContext): void;
}

function typeMatches(types: readonly string[] | RegExp, type: string): boolean {
  return Array.isArray(types) ? types.includes(type) : (types as RegExp).test(type);
}

function describeTypes(types: readonly string[] | RegExp): string {
  return Array.isArray(types) ? types.join(", ") : String(types);
}

/** A resource validation policy: runs on each resource's inputs. */
export function resourcePolicy<S extends z.ZodType>(
  meta: PolicyMeta,
  rule: ResourceRule<S>,
): PackPolicy {
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!typeMatches(rule.types, args.type)) {
      return args.notApplicable(`applies to ${describeTypes(rule.types)}`);
    }
    const report = exemptingReporter(args.getConfig(), reportViolation);
    const ctx: ResourceContext = {
      type: args.type,
      name: args.name,
      urn: args.urn,
      report: (message) => report(message, args.urn),
    };
    const parsed = rule.schema.safeParse(plain(args.props));
    if (!parsed.success) {
      // Fail closed: a property this rule reads has a shape it cannot judge.
      ctx.report(
        `${args.type} ${args.name} has properties of an unexpected shape (${describeShapeError(parsed.error)}).`,
      );
      return;
    }
    rule.check(parsed.data, ctx);
  };
  const policy: ResourceValidationPolicy = { ...basePolicy(meta), validateResource };
  return { meta, policy, types: rule.types };
}

/** What a stack check sees. */
export interface StackContext {
  /** Reports a violation against the resource `urn` (or the stack when omitted). */
  report(message: string, urn?: string): void;
}

export interface StackRule {
  /** Types that make the rule applicable: without one in the stack it is not applicable. */
  readonly types: readonly string[] | RegExp;
  /** The rule: pure, over every resource (outputs, parents, dependencies). */
  check(resources: readonly PolicyResource[], ctx: StackContext): void;
}

/** A stack validation policy: runs once over all resources. */
export function stackPolicy(meta: PolicyMeta, rule: StackRule): PackPolicy {
  const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) => {
    if (!args.resources.some((r) => typeMatches(rule.types, r.type))) {
      return args.notApplicable(`no resources of ${describeTypes(rule.types)}`);
    }
    const report = exemptingReporter(args.getConfig(), reportViolation);
    rule.check(args.resources, { report });
  };
  const policy: StackValidationPolicy = { ...basePolicy(meta), validateStack };
  return { meta, policy, types: rule.types };
}
