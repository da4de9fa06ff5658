/**
 * Plans a Pulumi program offline: its stack config applied, run under the mock runtime, every
 * registered resource recorded. No credentials, no CLI, no network.
 */
import { resolve } from "node:path";
import { installMockRuntime, runProgram, type RecordedResource } from "./mock-runtime";
import { loadStackConfig, type StackConfig } from "./stack-file";

export interface PlanOptions {
  /** Directory holding `Pulumi.yaml` and the stack files. */
  readonly projectDir: string;
  readonly stack: string;
  /** Config values that replace the stack file's (e.g. `{ "eventstack:cloud": "aws" }`). */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Program entry, relative to `projectDir`. Default `index.ts`. */
  readonly program?: string;
  /** The stack's config when the caller has already read it; read from the stack file otherwise. */
  readonly stackConfig?: StackConfig;
}

export interface Plan {
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  /** Every registered resource, the root stack first. */
  readonly resources: readonly RecordedResource[];
  /** Stack outputs, as registered on the root stack resource. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** Runs the program under mocks. Config errors and program errors propagate unchanged. */
export async function planStack(opts: PlanOptions): Promise<Plan> {
  const stackConfig = opts.stackConfig ?? loadStackConfig(opts.projectDir, opts.stack);
  const config = { ...stackConfig.config, ...opts.overrides };
  const runtime = await installMockRuntime({
    project: stackConfig.project,
    stack: stackConfig.stack,
    config,
    secretKeys: stackConfig.secretKeys,
    // Asset paths and source positions are read relative to the project, as the engine does.
    projectRoot: opts.projectDir,
  });
  const entry = resolve(opts.projectDir, opts.program ?? "index.ts");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await runProgram(() => require(entry) as Record<string, unknown>);
  const root = runtime.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  return {
    project: stackConfig.project,
    stack: stackConfig.stack,
    config,
    resources: runtime.resources,
    outputs: root?.outputs ?? {},
  };
}
