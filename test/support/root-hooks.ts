/**
 * Mocha root hooks (registered in .mocharc.json): the project is built before any test runs, as
 * `pulumi up` needs it built, so tests that plan the AWS stack find `dist/lambda`.
 *
 * `mochaGlobalSetup` runs once, in mocha's own process, before any file is loaded or any
 * `--parallel` worker starts; workers skip it and run `mochaHooks` (before each of their files,
 * https://mochajs.org/#root-hook-plugins and https://mochajs.org/#global-fixtures), which find
 * the build through the environment the workers inherit (test/support/project-build.ts).
 */
import type { Context, RootHookObject } from "mocha";
import { buildForChildren, projectBuild } from "./project-build";

export async function mochaGlobalSetup(): Promise<void> {
  await buildForChildren();
}

export const mochaHooks: RootHookObject = {
  async beforeAll(this: Context) {
    this.timeout(120_000);
    await projectBuild();
  },
};
