/**
 * Mocha root hooks (registered in .mocharc.json): the project is built before any test runs, as
 * `pulumi up` needs it built, so tests that plan the AWS stack find `dist/lambda`.
 */
import type { Context, RootHookObject } from "mocha";
import { projectBuild } from "./project-build";

export const mochaHooks: RootHookObject = {
  async beforeAll(this: Context) {
    this.timeout(120_000);
    await projectBuild();
  },
};
