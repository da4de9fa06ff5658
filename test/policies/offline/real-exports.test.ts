/**
 * Exports of real deployed stacks, written by Pulumi CLIs from v3.4.0 to v3.206.0 (see
 * test/fixtures/stack-exports/real/NOTICE.md), audited the way a user runs it:
 * `npm run check -- --state FILE --json`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkInProcess } from "../../support/check-cli";
import { EXPORTS_DIR } from "./state-fixtures";

const REAL = join(EXPORTS_DIR, "real");

interface JsonReport {
  stack: string;
  cloud: string | null;
  resources: { urn: string; type: string }[];
  summary: { violations: { mandatory: number } };
}

const cases: {
  file: string;
  stack: string;
  resources: number;
  cloud: string | null;
  stderr: string;
}[] = [
  { file: "aws-elb-wp.json", stack: "dev", resources: 10, cloud: "aws", stderr: "" },
  { file: "aws-sure-ecs.json", stack: "dev", resources: 16, cloud: "aws", stderr: "" },
  {
    file: "aws-payment-tapstack.json",
    stack: "TapStacksynthj2o50h",
    resources: 64,
    cloud: "aws",
    stderr: "",
  },
  {
    file: "empty-passphrase.json",
    stack: "(unknown)",
    resources: 0,
    cloud: null,
    stderr:
      "check: warning: the export holds no resources and does not name its stack; it is reported as (unknown)\n",
  },
];

describe("real stack exports of older and current Pulumi CLIs", function () {
  this.timeout(180_000);

  it("aws-elb-wp.json holds the null property dependencies CLI v3.4.0 wrote", () => {
    const doc = JSON.parse(readFileSync(join(REAL, "aws-elb-wp.json"), "utf8")) as {
      deployment: {
        manifest: { version: string };
        resources: { propertyDependencies?: Record<string, unknown> }[];
      };
    };
    assert.equal(doc.deployment.manifest.version, "v3.4.0");
    const nulls = doc.deployment.resources
      .flatMap((r) => Object.values(r.propertyDependencies ?? {}))
      .filter((deps) => deps === null);
    assert.equal(nulls.length, 21);
  });

  it("empty-passphrase.json has no resources key", () => {
    const doc = JSON.parse(readFileSync(join(REAL, "empty-passphrase.json"), "utf8")) as {
      deployment: Record<string, unknown>;
    };
    assert.equal("resources" in doc.deployment, false);
  });

  for (const c of cases) {
    it(`audits ${c.file}: ${c.resources} resources of stack ${c.stack}, exit 0 or 1 by its findings`, async () => {
      const run = await checkInProcess(["--state", join(REAL, c.file), "--json"]);
      assert.equal(run.stderr, c.stderr);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.equal(report.stack, c.stack);
      assert.equal(report.cloud, c.cloud);
      assert.equal(report.resources.length, c.resources);
      assert.equal(run.status, report.summary.violations.mandatory > 0 ? 1 : 0);
    });
  }
});
