import assert from "node:assert/strict";
import { BUILD_ENV, parseBuildEnv, projectBuild } from "./project-build";

/** The value the run's first process hands down, as if `parent` had built `report`. */
const handed = (parent: number, report: unknown): string => JSON.stringify({ pid: parent, report });

describe("the build handed to parallel workers", () => {
  it("Compliance 1: a report from this process's parent is this run's build", async () => {
    const report = await projectBuild();
    assert.deepEqual(parseBuildEnv(handed(4242, report), 4242), report);
  });

  it("Compliance 2: a report built by another process (a run further up) is not used", async () => {
    assert.equal(parseBuildEnv(handed(4242, await projectBuild()), 4343), undefined);
  });

  const bad: { what: string; text: () => Promise<string>; message: RegExp }[] = [
    { what: "text that is not JSON", text: async () => "{", message: /not JSON: "\{"/ },
    {
      what: "no process id",
      text: async () => JSON.stringify({ report: {} }),
      message: /must be an object with pid and report/,
    },
    {
      what: "a target missing",
      text: async () => handed(4242, { ...(await projectBuild()), lambda: undefined }),
      message: /target lambda is missing/,
    },
    {
      what: "a file outside dist/",
      text: async () => {
        const report = await projectBuild();
        return handed(4242, { ...report, consumer: { ...report.consumer, file: "/tmp/x.mjs" } });
      },
      message: /consumer\.file must be .*dist\/consumer\/index\.mjs, got \/tmp\/x\.mjs/,
    },
    {
      what: "a size that is no count",
      text: async () => {
        const report = await projectBuild();
        return handed(4242, { ...report, lambda: { ...report.lambda, bytes: -1 } });
      },
      message: /lambda\.bytes and \.totalBytes must be positive integers/,
    },
  ];
  for (const [i, c] of bad.entries()) {
    it(`Noncompliance ${i + 1}: refuses ${c.what}, naming ${BUILD_ENV}`, async () => {
      const text = await c.text();
      assert.throws(
        () => parseBuildEnv(text, 4242),
        (err: unknown) =>
          err instanceof Error && err.message.startsWith(BUILD_ENV) && c.message.test(err.message),
      );
    });
  }
});
