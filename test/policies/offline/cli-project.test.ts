/**
 * `check --project DIR`: another Pulumi project (the bootstrap in docs/bootstrap) planned with its
 * own Pulumi.yaml, stack files and policy config, through the policies and the deployability rules.
 */
import assert from "node:assert/strict";
import { checkInProcess as check } from "../../support/check-cli";

interface JsonReport {
  readonly stack: string;
  readonly cloud: string | null;
  readonly resources: readonly { readonly urn: string }[];
  readonly violations: readonly {
    readonly policy: string;
    readonly enforcementLevel: string;
    readonly exemption?: unknown;
  }[];
  readonly deployability: readonly unknown[];
}

function parseReport(stdout: string): JsonReport {
  const doc: unknown = JSON.parse(stdout);
  assert.ok(doc !== null && typeof doc === "object" && "violations" in doc, stdout.slice(0, 200));
  return doc as JsonReport;
}

describe("check --project", function () {
  this.timeout(240_000);

  for (const stack of ["gcp", "aws"] as const) {
    it(`Compliance ${stack === "gcp" ? 1 : 2}: plans docs/bootstrap's ${stack} stack with 0 mandatory findings and exits 0`, async () => {
      const run = await check(["--project", "docs/bootstrap", "--stack", stack, "--json"]);
      assert.equal(run.status, 0, run.stderr + run.stdout.slice(-2000));
      const report = parseReport(run.stdout);
      assert.equal(report.stack, stack);
      assert.equal(report.cloud, stack);
      assert.ok(
        report.resources.every((r) =>
          r.urn.startsWith(`urn:pulumi:${stack}::eventstack-bootstrap::`),
        ),
        "the bootstrap project's resources",
      );
      assert.deepEqual(
        report.violations.filter((v) => v.enforcementLevel === "mandatory" && !v.exemption),
        [],
      );
      assert.deepEqual(report.deployability, []);
    });
  }

  it("Compliance 3: the text report of the gcp stack lists the bootstrap's exemptions and passes", async () => {
    const run = await check(["--project", "docs/bootstrap", "--stack", "gcp"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Deployable: no findings of \d+ deployability rules\./);
    assert.match(run.stdout, /eventstack-bootstrap-deploy-dev-secretmanager-admin/);
    assert.match(run.stdout, /^PASS: /m);
  });

  it("Noncompliance 1: a --project path that is no directory exits 2 naming it", async () => {
    const run = await check(["--project", "docs/no-such-project", "--stack", "gcp"]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.match(
      run.stderr,
      /^check: --project "docs\/no-such-project" is not a directory \(.*docs\/no-such-project\); it must name a folder holding a Pulumi\.yaml\n$/,
    );
  });

  it("Noncompliance 2: a directory without Pulumi.yaml exits 2 naming the file", async () => {
    const run = await check(["--project", "docs", "--stack", "gcp"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^check: .*docs\/Pulumi\.yaml not found\n$/);
  });

  it("Noncompliance 3: --cloud, which only eventstack reads, is refused for the bootstrap", async () => {
    const run = await check(["--project", "docs/bootstrap", "--stack", "aws", "--cloud", "gcp"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--cloud sets eventstack:cloud, which project "eventstack-bootstrap"/);
  });

  it("Noncompliance 4: --project with --state is refused", async () => {
    const run = await check(["--project", "docs/bootstrap", "--state", "stack.json"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /drop --stack, --cloud and --project/);
  });
});
