/**
 * `npm run check` with the policy pack: the stack's config file by default, `--policy-config`,
 * exit 1 on a mandatory violation (naming policy and URN), exit 2 on a bad config file.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkInProcess, PROJECT_DIR } from "../../support/check-cli";

interface Violation {
  policy: string;
  urn: string;
  enforcementLevel: string;
  message: string;
}

const check = (args: string[], cwd = PROJECT_DIR) => checkInProcess(args, { cwd });

/** A project with this repo's prod stack whose program has its dead letters stripped. */
function strippedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-policies-"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
  const program = join(PROJECT_DIR, "test/policies/fixtures/strip-dead-letters.ts");
  writeFileSync(join(dir, "index.ts"), `export = require(${JSON.stringify(program)});\n`);
  return dir;
}

describe("npm run check with the policy pack", function () {
  this.timeout(300_000);

  it("fails with exit 1, naming the policy and the URN, when the program drops its dead letters", async () => {
    const run = await check(["--stack", "prod", "--json"], strippedProject());
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      violations: Violation[];
      summary: { violations: { mandatory: number } };
    };
    const found = report.violations.filter(
      (v) => v.policy === "aws-cloudwatch-eventtarget-missing-dead-letter-queue",
    );
    assert.deepEqual(
      found.map((v) => [v.enforcementLevel, v.urn]).sort(),
      ["orders", "audit"]
        .map((c) => [
          "mandatory",
          `urn:pulumi:prod::eventstack::eventstack:aws:Platform$eventstack:aws:Consumer$aws:cloudwatch/eventTarget:EventTarget::eventstack-${c}-target`,
        ])
        .sort(),
    );
    assert.ok(report.summary.violations.mandatory >= 2);
  });

  it("applies the stack's config file: dev relaxes customer-managed keys to advisory (exit 0)", async () => {
    const run = await check(["--stack", "dev", "--cloud", "aws", "--json"]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { violations: Violation[] };
    const cmk = report.violations.filter((v) =>
      v.policy.endsWith("-configure-customer-managed-key"),
    );
    assert.ok(cmk.length > 0, "dev has no customer-managed keys");
    assert.ok(cmk.every((v) => v.enforcementLevel === "advisory"));
  });

  it("with --policy-config making the same findings mandatory, fails with exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-config-"));
    const file = join(dir, "strict.json");
    writeFileSync(
      file,
      JSON.stringify({ "aws-sqs-queue-configure-customer-managed-key": "mandatory" }),
    );
    const run = await check([
      "--stack",
      "dev",
      "--cloud",
      "aws",
      "--policy-config",
      file,
      "--json",
    ]);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { violations: Violation[] };
    assert.ok(
      report.violations.some(
        (v) =>
          v.policy === "aws-sqs-queue-configure-customer-managed-key" &&
          v.enforcementLevel === "mandatory",
      ),
    );
  });

  it("exits 2 naming the key and value of a bad --policy-config file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-config-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ "aws-sqs-queue-enable-encryption": "strict" }));
    const run = await check(["--stack", "dev", "--policy-config", file]);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      `check: ${file}: aws-sqs-queue-enable-encryption must be one of advisory, mandatory, remediate, disabled, got "strict"\n`,
    );
  });
});
