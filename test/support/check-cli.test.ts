import assert from "node:assert/strict";
import { join } from "node:path";
import { checkInProcess, checkProcess, PROJECT_DIR, sharedCheck } from "./check-cli";

const EXPORT = join(PROJECT_DIR, "test/fixtures/stack-exports/gcp-dev-noncompliant.json");

describe("check in-process, as the report tests run it", function () {
  this.timeout(120_000);

  it("gives what a process gives: the status, stdout and stderr, byte for byte", async () => {
    const args = ["--state", EXPORT, "--json"];
    const inProcess = await checkInProcess(args);
    assert.equal(inProcess.status, 1, inProcess.stderr);
    assert.deepEqual(inProcess, checkProcess(args));
  });

  it("captures only while it runs, and stderr apart from stdout", async () => {
    const { stdout, stderr } = process;
    const writes = [stdout.write, stderr.write];
    const run = await checkInProcess(["--stack", "dev", "--colour"]);
    assert.deepEqual([stdout.write, stderr.write], writes);
    assert.deepEqual([run.status, run.stdout], [2, ""]);
    assert.match(run.stderr, /^check: Unknown option '--colour'/);
  });

  it("shares one run per argument list and working directory", async () => {
    const args = ["--state", EXPORT];
    assert.equal(await sharedCheck(args), await sharedCheck([...args]));
    assert.notEqual(
      await sharedCheck(args),
      await sharedCheck(args, { cwd: join(PROJECT_DIR, "docs") }),
    );
  });
});
