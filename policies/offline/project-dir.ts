/**
 * `check --project DIR`: which Pulumi project is planned, and what of eventstack's own setup
 * applies to it. Any project's `Pulumi.yaml` and stack files are read with the engine's rules
 * (./stack-file.ts); the eventstack config model and `policies/config/<stack>.json` belong to the
 * eventstack project only.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadPolicyConfig, policyConfigForStack, type PolicyConfig } from "./policy-config";
import { StackFileError } from "./stack-file-error";

/** The project name (`Pulumi.yaml` `name`) whose stacks the eventstack config model describes. */
export const EVENTSTACK_PROJECT = "eventstack";

/** The policy config another project may ship beside its `Pulumi.yaml`. */
export const PROJECT_POLICY_CONFIG = "policy-config.json";

/**
 * The directory `--project` names, resolved against the working directory (as the Pulumi CLI's
 * `--cwd` is); a path that is not a directory is refused naming it.
 */
export function resolveProjectDir(cwd: string, value: string): string {
  const dir = resolve(cwd, value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new StackFileError(
      `--project ${JSON.stringify(value)} is not a directory (${dir}); it must name a folder holding a Pulumi.yaml`,
    );
  }
  return dir;
}

/** True when the project is eventstack itself, so its config model applies. */
export function isEventstackProject(project: string): boolean {
  return project === EVENTSTACK_PROJECT;
}

/**
 * The policy config a plan uses when `--policy-config` is not given: eventstack's
 * `policies/config/<stack>.json`, or another project's own `policy-config.json` (the file its
 * `pulumi preview --policy-pack-config` reads), when it exists.
 */
export function defaultPolicyConfig(
  projectDir: string,
  project: string,
  stack: string,
): PolicyConfig | undefined {
  if (isEventstackProject(project)) return policyConfigForStack(stack);
  const own = join(projectDir, PROJECT_POLICY_CONFIG);
  return existsSync(own) ? loadPolicyConfig(own) : undefined;
}
