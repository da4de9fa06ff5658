/**
 * `npm run check` fails on what the cloud would refuse, naming it: the deployability rules run on
 * every plan, and the config model refuses what the rules would otherwise find.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { checkInProcess, PROJECT_DIR } from "../../support/check-cli";

/** A project with this repository's program, Pulumi.yaml and build, and one stack `test`. */
function project(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-deployability-"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  symlinkSync(join(PROJECT_DIR, "dist"), join(dir, "dist"));
  writeFileSync(join(dir, "Pulumi.test.yaml"), stringify({ config }));
  writeFileSync(
    join(dir, "index.ts"),
    `export = require(${JSON.stringify(join(PROJECT_DIR, "index.ts"))});\n`,
  );
  return dir;
}

const check = (cwd: string, ...extra: string[]) =>
  checkInProcess(["--stack", "test", ...extra], { cwd });

const awsProd = (consumers: unknown[], extra: Record<string, unknown> = {}) => ({
  "eventstack:cloud": "aws",
  "eventstack:environment": "prod",
  "eventstack:alertEmail": "platform-oncall@example.com",
  "aws:region": "eu-west-1",
  "eventstack:consumers": consumers,
  ...extra,
});

/**
 * Twelve consumers reserving the seed's 100 each (prod's explicit choice for a busy consumer; the
 * default reserves nothing, so a fresh account with a low quota accepts the functions).
 */
const twelve = Array.from({ length: 12 }, (_, i) => ({
  name: `consumer-${i + 1}`,
  eventTypes: [`com.example.load${i + 1}.created.v1`],
  reservedConcurrency: 100,
}));

describe("npm run check: deployability", function () {
  this.timeout(180_000);

  it("Noncompliance 1: twelve AWS prod consumers reserving 100 each exceed the account's 1000", async () => {
    const run = await check(project(awsProd(twelve)), "--json");
    assert.equal(run.status, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as {
      deployability: { rule: string; message: string; related: string[] }[];
      summary: { deployability: { findings: number; rules: Record<string, number> } };
    };
    assert.equal(doc.summary.deployability.findings, 1);
    assert.equal(doc.summary.deployability.rules["deployability-lambda-concurrency-quota"], 1);
    const [finding] = doc.deployability;
    assert.equal(finding?.rule, "deployability-lambda-concurrency-quota");
    assert.match(finding?.message ?? "", /sums to 1200 over 12 functions/);
    assert.match(finding?.message ?? "", /account limit of 1000 concurrent executions/);
    assert.match(finding?.message ?? "", /Service Quotas/);
    assert.equal(finding?.related.length, 11);
  });

  it("Compliance 1: the same stack passes once eventstack:lambdaConcurrencyLimit says the account's quota is 2000", async () => {
    const run = await check(
      project(awsProd(twelve, { "eventstack:lambdaConcurrencyLimit": 2000 })),
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /\nDeployable: no findings of 5 deployability rules\.\n/);
  });

  it("Compliance 2: twelve AWS prod consumers at the default reserve nothing, so even a 50-execution account passes", async () => {
    const defaults = twelve.map(({ name, eventTypes }) => ({ name, eventTypes }));
    const run = await check(
      project(awsProd(defaults, { "eventstack:lambdaConcurrencyLimit": 50 })),
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /\nDeployable: no findings of 5 deployability rules\.\n/);
  });

  it("Noncompliance 2: a consumer named like the bus is refused before anything is planned (exit 2)", async () => {
    const run = await check(
      project(awsProd([{ name: "bus", eventTypes: ["com.example.order.placed.v1"] }])),
    );
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /eventstack:consumers\[0\]\.name must be a name the platform does not use for itself \(reserved: bus, /,
    );
    assert.equal(run.stdout, "");
  });
});
