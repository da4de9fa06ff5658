/**
 * Mocha root hooks (registered in .mocharc.json): the project is built before any test runs, as
 * `pulumi up` needs it built, so tests that plan the AWS stack find `dist/lambda`.
 *
 * `mochaGlobalSetup` runs once, in mocha's own process, before any file is loaded or any
 * `--parallel` worker starts; workers skip it and run `mochaHooks` (before each of their files,
 * https://mochajs.org/#root-hook-plugins and https://mochajs.org/#global-fixtures), which find
 * the build through the environment the workers inherit (test/support/project-build.ts).
 * The run's temporary files live in one folder the global teardown removes (test/support/run-dir.ts).
 * On a fresh clone the setup also fills V8's compile cache, and each worker writes what it
 * compiled after each file (test/support/compile-cache.ts).
 */
import type { Context, RootHookObject } from "mocha";
import { flushCompileCache, warmCompileCache } from "./compile-cache";
import { buildForChildren, projectBuild } from "./project-build";
import { enterRunDir, leaveRunDir, type RunDir } from "./run-dir";

let run: RunDir | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  run = enterRunDir();
  const built = buildForChildren();
  await Promise.all([built, warmCompileCache(built)]);
}

/** Stops what the run's processes shared and removes the run's temporary folder. */
export async function mochaGlobalTeardown(): Promise<void> {
  if (run !== undefined) await leaveRunDir(run);
  run = undefined;
}

export const mochaHooks: RootHookObject = {
  async beforeAll(this: Context) {
    this.timeout(120_000);
    await projectBuild();
  },
  afterAll() {
    flushCompileCache();
  },
};
