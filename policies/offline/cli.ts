/**
 * `npx eventstack check --stack <name> [--cloud gcp|aws] [--project DIR] [--policy-config FILE] [--json] [--sarif FILE]`
 * `npx eventstack check --state FILE [--policy-config FILE] [--lambda-concurrency-limit N] [--json] [--sarif FILE]`
 * (or `npm run -s check -- …`; `-h`/`--help` prints the usage)
 *
 * Plans the program offline under the mock runtime (or, with `--state`, reads a `pulumi stack
 * export` document), evaluates the policy pack over the resources (with `--policy-config FILE`,
 * else `policies/config/<stack>.json` when it exists) and prints the resources and the findings;
 * `--sarif FILE` also writes them as SARIF 2.1.0.
 * Exit codes: 0 fine; 1 mandatory policy violations; 2 bad arguments, stack file, export or config;
 * 3 the program itself failed.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { BuildArtifactError } from "../../components/build-artifact";
import { ConfigError } from "../../components/config-errors";
import { CLOUDS, parseConfig, type Cloud } from "../../components/config";
import {
  evaluatePolicies,
  loadPolicyConfig,
  policyCatalog,
  PolicyConfigError,
  policyConfigForStack,
  PolicyEvaluationError,
} from "./evaluate";
import { COST_HELP, COST_OPTIONS, parseCostArgs, type CostArgs } from "./cost/cli-args";
import { withExportCost, withPlanCost } from "./cost/attach";
import { CostInputError } from "./cost/errors";
import { MissingAssetError } from "./mock-assets";
import { planStack } from "./plan";
import { buildReport, failed, type CheckReport } from "./report-model";
import {
  checkDeployability,
  DEFAULT_LAMBDA_CONCURRENCY_LIMIT,
  deployabilityCatalog,
} from "../deployability";
import { exitQuietlyOnClosedPipe } from "./closed-pipe";
import { assertSarifWritable, emitReport, ReportFileError } from "./report-output";
import { loadStackConfig, StackFileError } from "./stack-file";
import { auditState, cloudOfResources } from "./state-audit";
import { StateFileError } from "./state-read";
import { defaultPolicyConfig, isEventstackProject, resolveProjectDir } from "./project-dir";

export const EXIT = { ok: 0, violations: 1, usage: 2, failure: 3 } as const;

const USAGE =
  "usage: npx eventstack check (--stack <name> [--cloud gcp|aws] [--project DIR] | --state FILE) [--policy-config FILE] [--json] [--sarif FILE] [--cost …]";

/** What `--help` prints. */
export const HELP = `${USAGE}
       (or: npm run -s check -- …)

Plans a stack offline under Pulumi's mock runtime, or audits a \`pulumi stack export\` file, and
evaluates the policy pack over its resources.

  --stack NAME          plan Pulumi.NAME.yaml
  --cloud gcp|aws       override the stack's eventstack:cloud
  --project DIR         plan the Pulumi project in DIR (default: the working directory)
  --state FILE          audit a \`pulumi stack export\` document (not with --stack/--cloud)
  --lambda-concurrency-limit N
                        with --state: the account's Lambda quota (default AWS's standard 1000)
  --policy-config FILE  policy pack config; default policies/config/<stack>.json when it exists
  --json                print the report as JSON
  --sarif FILE          also write SARIF 2.1.0 to FILE
${COST_HELP}
  -h, --help            print this help

Exit codes: 0 no open mandatory violation and no deployability finding, 1 mandatory violations
or deployability findings, 2 bad arguments or input,
3 the program or a policy crashed.
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CheckArgs {
  readonly stack: string;
  readonly cloud: Cloud | undefined;
  readonly json: boolean;
  readonly projectDir: string;
  /** `--project DIR`, resolved: the project planned; default `projectDir`. */
  readonly project?: string | undefined;
  /**
   * A `--policy-pack-config` style file; default `policies/config/<stack>.json` (eventstack) or
   * the project's `policy-config.json`, if present.
   */
  readonly policyConfig?: string | undefined;
  /** Where to write the SARIF report, if anywhere. */
  readonly sarif?: string | undefined;
  /** `--cost`: add a monthly cost estimate. */
  readonly cost?: CostArgs | undefined;
}

/** `--state FILE`: audit a `pulumi stack export` document instead of planning. */
export interface AuditArgs {
  /** The export file, relative to `projectDir` unless absolute. */
  readonly state: string;
  readonly json: boolean;
  readonly projectDir: string;
  readonly policyConfig?: string | undefined;
  readonly sarif?: string | undefined;
  readonly cost?: CostArgs | undefined;
  /**
   * `--lambda-concurrency-limit N`: the audited account's Lambda quota (an export carries no stack
   * config); AWS's standard 1000 when absent.
   */
  readonly lambdaConcurrencyLimit?: number | undefined;
}

/** `-h`/`--help`: print {@link HELP} and do nothing else. */
export interface HelpArgs {
  readonly help: true;
}

/** Parses the command line; throws {@link UsageError} naming the bad argument. */
export function parseCheckArgs(
  argv: readonly string[],
  projectDir: string,
): CheckArgs | AuditArgs | HelpArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        cloud: { type: "string" },
        project: { type: "string" },
        "policy-config": { type: "string" },
        state: { type: "string" },
        sarif: { type: "string" },
        "lambda-concurrency-limit": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        ...COST_OPTIONS,
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; ${USAGE}`);
  }
  if (values.help) return { help: true };
  const cost = parseCostArgs(values);
  if (values.state !== undefined) {
    if (values.stack !== undefined || values.cloud !== undefined || values.project !== undefined) {
      throw new UsageError(
        `--state reads the stack and its cloud from the export; drop --stack, --cloud and --project; ${USAGE}`,
      );
    }
    const limit = values["lambda-concurrency-limit"];
    if (limit !== undefined && !/^[1-9]\d{0,7}$/.test(limit)) {
      throw new UsageError(
        `--lambda-concurrency-limit must be the account's Lambda concurrent-executions quota, a whole number from 1 to 99999999, got ${JSON.stringify(limit)}`,
      );
    }
    return {
      state: values.state,
      json: values.json,
      projectDir,
      policyConfig: values["policy-config"],
      sarif: values.sarif,
      cost,
      lambdaConcurrencyLimit: limit === undefined ? undefined : Number(limit),
    };
  }
  if (values["lambda-concurrency-limit"] !== undefined) {
    throw new UsageError(
      `--lambda-concurrency-limit is for --state audits; a plan reads eventstack:lambdaConcurrencyLimit from the stack; ${USAGE}`,
    );
  }
  if (values.stack === undefined) throw new UsageError(`--stack is required; ${USAGE}`);
  const cloud = values.cloud;
  if (cloud !== undefined && !(CLOUDS as readonly string[]).includes(cloud)) {
    throw new UsageError(`--cloud must be "gcp" or "aws", got ${JSON.stringify(cloud)}`);
  }
  return {
    stack: values.stack,
    cloud: cloud as Cloud | undefined,
    json: values.json,
    projectDir,
    project:
      values.project !== undefined ? resolveProjectDir(projectDir, values.project) : undefined,
    policyConfig: values["policy-config"],
    sarif: values.sarif,
    cost,
  };
}

/** Runs a check and returns the report; errors propagate for {@link main} to map to exit codes. */
export async function runCheck(args: CheckArgs): Promise<CheckReport> {
  const overrides: Record<string, string> = args.cloud ? { "eventstack:cloud": args.cloud } : {};
  const projectDir = args.project ?? args.projectDir;
  // Validate before running anything, with the same parser the program uses.
  const stackConfig = loadStackConfig(projectDir, args.stack);
  // The eventstack config model describes the eventstack project only; another project (e.g.
  // docs/bootstrap) is checked by the engine's project/stack rules alone.
  const eventstack = isEventstackProject(stackConfig.project);
  if (!eventstack && args.cloud !== undefined) {
    throw new UsageError(
      `--cloud sets eventstack:cloud, which project ${JSON.stringify(stackConfig.project)} does not read; drop --cloud`,
    );
  }
  const parsed = eventstack
    ? parseConfig({ ...stackConfig.config, ...overrides }, { stack: args.stack })
    : undefined;
  const policyConfig =
    args.policyConfig !== undefined
      ? loadPolicyConfig(resolve(args.projectDir, args.policyConfig))
      : defaultPolicyConfig(projectDir, stackConfig.project, args.stack);
  const plan = await planStack({
    projectDir,
    stack: args.stack,
    overrides,
    stackConfig,
  });
  const violations = await evaluatePolicies(plan.resources, {
    stack: plan.stack,
    project: plan.project,
    ...(policyConfig ? { config: policyConfig } : {}),
  });
  const deployability = checkDeployability(plan.resources, {
    source: "plan",
    lambdaConcurrencyLimit: parsed?.lambdaConcurrencyLimit ?? DEFAULT_LAMBDA_CONCURRENCY_LIMIT,
    lambdaConcurrencyLimitSource: !parsed
      ? `AWS's standard quota; project ${JSON.stringify(plan.project)} has no eventstack config`
      : stackConfig.config["eventstack:lambdaConcurrencyLimit"] !== undefined
        ? "eventstack:lambdaConcurrencyLimit"
        : "eventstack:lambdaConcurrencyLimit's default, AWS's standard quota",
  });
  const report = buildReport(
    plan.stack,
    parsed?.cloud ?? cloudOfResources(plan.resources),
    plan.resources,
    violations,
    policyCatalog(policyConfig),
    deployability,
    deployabilityCatalog().map((r) => r.name),
  );
  return args.cost ? withPlanCost(report, plan.resources, plan.config, args.cost) : report;
}

/** Audits a stack export; warnings (what the audit leaves out) go to stderr. */
export async function runAudit(args: AuditArgs): Promise<CheckReport> {
  const engine = { evaluatePolicies, policyCatalog, policyConfigForStack, loadPolicyConfig };
  const { report, warnings } = await auditState(
    {
      stateFile: resolve(args.projectDir, args.state),
      ...(args.policyConfig !== undefined
        ? { policyConfigFile: resolve(args.projectDir, args.policyConfig) }
        : {}),
      ...(args.lambdaConcurrencyLimit !== undefined
        ? { lambdaConcurrencyLimit: args.lambdaConcurrencyLimit }
        : {}),
    },
    engine,
  );
  for (const warning of warnings) process.stderr.write(`check: warning: ${warning}\n`);
  return args.cost
    ? withExportCost(report, resolve(args.projectDir, args.state), args.cost)
    : report;
}

/** Maps a report to the exit code. */
export function exitCodeFor(report: CheckReport): number {
  return failed(report) ? EXIT.violations : EXIT.ok;
}

export async function main(argv: readonly string[], projectDir: string): Promise<number> {
  try {
    const args = parseCheckArgs(argv, projectDir);
    if ("help" in args) {
      process.stdout.write(HELP);
      return EXIT.ok;
    }
    if (args.sarif !== undefined) assertSarifWritable(projectDir, args.sarif);
    const report = "state" in args ? await runAudit(args) : await runCheck(args);
    emitReport(report, {
      json: args.json,
      projectDir,
      ...(args.sarif !== undefined ? { sarif: args.sarif } : {}),
      ...("state" in args ? { stateFile: args.state } : {}),
    });
    return exitCodeFor(report);
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof StackFileError ||
      err instanceof ConfigError ||
      err instanceof PolicyConfigError ||
      err instanceof StateFileError ||
      err instanceof ReportFileError ||
      err instanceof CostInputError ||
      // A build output the program deploys is missing: the fix is a build step, not the code.
      BuildArtifactError.isInstance(err) ||
      err instanceof MissingAssetError
    ) {
      process.stderr.write(`check: ${err.message}\n`);
      return EXIT.usage;
    }
    // Components reject config the cloud would refuse (e.g. a Pub/Sub filter over 256 bytes).
    if (pulumi.InputPropertyError.isInstance(err)) {
      process.stderr.write(`check: ${err.propertyPath}: ${err.reason}\n`);
      return EXIT.usage;
    }
    if (err instanceof PolicyEvaluationError) {
      process.stderr.write(`check: ${err.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(
      `check: the program failed under the mock runtime: ${(err as Error).stack ?? String(err)}\n`,
    );
    return EXIT.failure;
  }
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  // Like the Pulumi CLI, the project is the working directory (npm runs scripts from the root).
  void main(process.argv.slice(2), process.cwd()).then((code) => {
    process.exitCode = code;
  });
}
