/**
 * The package's bin as users run it: `npx eventstack check …` resolves the project's own bin
 * (policies/offline/eventstack.js), which starts `check` (the rest of the command line as
 * scripts use it: cli-process.test.ts).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_DIR, type CheckRun } from "../../support/check-cli";
import { EXPORTS_DIR } from "./state-fixtures";

const EXPORT = join(EXPORTS_DIR, "gcp-dev-noncompliant.json");

/** `npx eventstack <args>`, resolving the project's own bin as npm does. */
function npx(args: string[]): CheckRun {
  const r = spawnSync("npx", ["--no-install", "eventstack", ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("check as scripts run it", function () {
  this.timeout(180_000);

  describe("the package's bin", () => {
    it("`npx eventstack check --state FILE --json` prints only the report", () => {
      const run = npx(["check", "--state", EXPORT, "--json"]);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, "");
      const doc = JSON.parse(run.stdout) as { stack: string; violations: unknown[] };
      assert.equal(doc.stack, "dev");
      assert.ok(doc.violations.length > 0);
    });

    it("`npx eventstack check --help` prints the usage", () => {
      const run = npx(["check", "--help"]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^usage: npx eventstack check /);
    });

    it("a command other than check is a usage error, exit 2", () => {
      const run = npx(["plan", "--stack", "dev"]);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, "");
      assert.equal(
        run.stderr,
        'eventstack: unknown command "plan", the only one is "check"; usage: npx eventstack check [options]; npx eventstack check --help lists them\n',
      );
    });
  });
});
