/**
 * The command line as scripts use it: `--help`, a closed pipe (`| head -1`), an unwritable
 * `--sarif` path, exit statuses (the package's bin: cli-bin.test.ts).
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  checkInProcess,
  checkProcess as check,
  CLI,
  PROJECT_DIR,
  type CheckOptions,
  type CheckRun,
} from "../../support/check-cli";
import { EXPORTS_DIR } from "./state-fixtures";
import { NODE, TS_LOADER } from "../../support/loader";

const EXPORT = join(EXPORTS_DIR, "gcp-dev-noncompliant.json");

const tempDir = () => mkdtempSync(join(tmpdir(), "eventstack-cli-"));

describe("check as scripts run it", function () {
  this.timeout(180_000);

  describe("--help", () => {
    for (const flag of ["--help", "-h"]) {
      it(`${flag} prints the usage on stdout and exits 0`, () => {
        const run = check([flag]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, "");
        assert.match(run.stdout, /^usage: npx eventstack check \(--stack <name> .*\n/);
        assert.match(run.stdout, /\n {2}--sarif FILE {10}also write SARIF 2\.1\.0 to FILE\n/);
        assert.match(
          run.stdout,
          /\nExit codes: 0 no open mandatory violation and no deployability finding, 1 /,
        );
      });
    }

    it("an unknown flag is still a usage error on stderr, exit 2", () => {
      const run = check(["--hepl"]);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^check: Unknown option '--hepl'.*; usage: npx eventstack check /);
    });
  });

  describe("a closed pipe", () => {
    it("ends quietly with status 0 when the reader has gone before the report is written", async () => {
      const child = spawn(NODE, [...TS_LOADER, CLI, "--state", EXPORT, "--json"], {
        cwd: PROJECT_DIR,
        stdio: ["ignore", "pipe", "pipe"],
      });
      // The reader closes its end at once, so the first write of the report meets EPIPE.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise<number | null>((done) => child.on("close", done));
      assert.equal(stderr, "");
      assert.equal(status, 0, "exit 0, although the export has mandatory violations");
    });

    it("`check --json | head -1` prints the first line and succeeds under pipefail", () => {
      // A 64-resource export whose JSON report (about 100 kB) outgrows the pipe's buffer, so the
      // rest is written after head has gone; it has mandatory violations, so only the EPIPE path
      // exits 0.
      const big = join(EXPORTS_DIR, "real", "aws-payment-tapstack.json");
      const command = `"${NODE}" ${TS_LOADER.map((a) => `"${a}"`).join(" ")} "${CLI}" --state "${big}" --json | head -1`;
      const r = spawnSync("bash", ["-o", "pipefail", "-c", command], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        timeout: 120_000,
      });
      assert.equal(r.stdout, "{\n");
      assert.equal(r.stderr, "");
      assert.equal(r.status, 0);
    });
  });

  describe("an unwritable --sarif path is refused before anything is planned", () => {
    // `--stack no-such-stack` would fail on its stack file: the SARIF problem is reported first.
    const args = (sarif: string) => ["--stack", "no-such-stack", "--sarif", sarif];
    const refusal = (run: CheckRun): string => {
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, "");
      return run.stderr;
    };
    const refused = async (sarif: string) => refusal(await checkInProcess(args(sarif)));

    it("a directory that does not exist", async () => {
      const sarif = join(tempDir(), "reports", "check.sarif");
      assert.equal(
        await refused(sarif),
        `check: cannot write --sarif ${sarif}: the directory ${join(sarif, "..")} does not exist\n`,
      );
    });

    it("a path that is a directory", async () => {
      const dir = tempDir();
      assert.equal(
        await refused(dir),
        `check: cannot write --sarif ${dir}: ${dir} is a directory\n`,
      );
    });

    it("a path under a file", async () => {
      const file = join(tempDir(), "report.txt");
      writeFileSync(file, "");
      assert.equal(
        await refused(join(file, "check.sarif")),
        `check: cannot write --sarif ${join(file, "check.sarif")}: ${file} is not a directory\n`,
      );
    });

    it("a directory the user may not write", () => {
      // root may write anywhere, so as root the check runs as nobody.
      const asRoot = process.getuid?.() === 0;
      const dir = join(tempDir(), "read-only");
      mkdirSync(dir);
      chmodSync(join(dir, ".."), 0o755);
      chmodSync(dir, 0o555);
      const sarif = join(dir, "check.sarif");
      const opts: CheckOptions = asRoot ? { user: { uid: 65534, gid: 65534 } } : {};
      const stderr = refusal(check(args(sarif), opts));
      assert.equal(
        stderr,
        `check: cannot write --sarif ${sarif}: the directory ${dir} is not writable (EACCES)\n`,
      );
    });
  });

  describe("exit statuses of the process, beyond 0 and 2", () => {
    it("3 when the program itself throws, with the reason on stderr", () => {
      const dir = tempDir();
      copyFileSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
      copyFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), join(dir, "Pulumi.test.yaml"));
      writeFileSync(join(dir, "index.ts"), 'export = () => { throw new Error("boom"); };\n');
      const run = check(["--stack", "test"], { cwd: dir });
      assert.equal(run.status, 3, run.stderr);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^check: the program failed under the mock runtime: Error: boom\n/);
    });

    it("0 for a plan of another project under ts-node's transpile-only register as well as the project's loader", () => {
      const run = check(["--project", "docs/bootstrap", "--stack", "gcp", "--json"], {
        loader: "ts-node",
      });
      assert.equal(run.status, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as { stack: string; cloud: string };
      assert.deepEqual([doc.stack, doc.cloud], ["gcp", "gcp"]);
    });
  });
});
