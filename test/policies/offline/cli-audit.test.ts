import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkInProcess as check, sharedCheck } from "../../support/check-cli";
import { sarifSchemaErrors } from "./sarif-schema";
import { EXPORTS_DIR, loadExport, resourceOf, writeTemp } from "./state-fixtures";

const fixture = (name: string) => join(EXPORTS_DIR, `${name}.json`);
const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), "eventstack-cli-")), name);

interface SarifLike {
  runs: {
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

describe("npm run check -- --state FILE", function () {
  this.timeout(180_000);

  it("exits 0 for a compliant export and says what it audited", async () => {
    const run = await check(["--state", fixture("aws-prod")]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    const count = loadExport("aws-prod").deployment.resources.length;
    assert.equal(
      lines[0],
      `Stack prod (aws): ${count} resources audited from ${fixture("aws-prod")}`,
    );
    assert.ok(lines.includes("No violations."));
    assert.match(lines.at(-1) ?? "", /^PASS: 0 mandatory and 0 advisory violations, 0 exempted; /);
    assert.equal(run.stderr, "");
  });

  it("exits 1 for mandatory violations and lists them by severity", async () => {
    const run = await sharedCheck(["--state", fixture("gcp-dev-noncompliant")]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /\n {2}CRITICAL \(1\)\n {4}\[mandatory\] gcp-iam-member-disallow-public-access\n/,
    );
    assert.match(
      run.stdout,
      /\nFAIL: 1 deployability finding, 3 mandatory and 1 advisory violations, 0 exempted; /,
    );
  });

  it("runs the deployability rules on an export: a Cloud Run env var pinned to latest", async () => {
    const run = await sharedCheck(["--state", fixture("gcp-dev-noncompliant")]);
    assert.match(
      run.stdout,
      /\nNot deployable \(1\): the cloud or the engine would refuse these\.\n {2}\[deployability\] deployability-unresolvable-secret-reference\n {4}resource: urn:pulumi:dev::eventstack::eventstack:gcp:Platform\$gcp:cloudrunv2\/service:Service::eventstack-orders /,
    );
    assert.match(run.stdout, /at version "latest": only a version number is strongly consistent/);
  });

  describe("the Lambda quota of the audited account", () => {
    /** The deployed prod export with both functions reserving 500 (1000 of AWS's standard 1000). */
    const reserving = () => {
      const doc = loadExport("aws-prod");
      for (const r of doc.deployment.resources as {
        type: string;
        inputs?: Record<string, unknown>;
        outputs?: Record<string, unknown>;
      }[]) {
        if (r.type !== "aws:lambda/function:Function") continue;
        for (const props of [r.inputs, r.outputs])
          if (props) props.reservedConcurrentExecutions = 500;
      }
      return writeTemp(doc);
    };

    it("Noncompliance 1: 1000 reserved against AWS's standard quota, with the flag named in the message", async () => {
      const run = await check(["--state", reserving(), "--json"]);
      assert.equal(run.status, 1, run.stderr);
      const doc = JSON.parse(run.stdout) as { deployability: { rule: string; message: string }[] };
      const [finding] = doc.deployability;
      assert.equal(finding?.rule, "deployability-lambda-concurrency-quota");
      assert.match(finding?.message ?? "", /sums to 1000 over 2 functions/);
      assert.match(finding?.message ?? "", /pass --lambda-concurrency-limit/);
    });

    it("Compliance 1: the same export passes against the account's raised quota", async () => {
      const run = await check([
        "--state",
        reserving(),
        "--lambda-concurrency-limit",
        "5000",
        "--json",
      ]);
      const doc = JSON.parse(run.stdout) as { deployability: unknown[] };
      assert.deepEqual(doc.deployability, []);
    });

    it("refuses a limit that is not a whole number, and the flag on a plan", async () => {
      const bad = await check([
        "--state",
        fixture("aws-prod"),
        "--lambda-concurrency-limit",
        "1e3",
      ]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--lambda-concurrency-limit must be .* got "1e3"/);
      const plan = await check(["--stack", "prod", "--lambda-concurrency-limit", "5000"]);
      assert.equal(plan.status, 2);
      assert.match(plan.stderr, /--lambda-concurrency-limit is for --state audits/);
    });
  });

  it("prints the JSON document with the findings and per-policy counts", async () => {
    const run = await check(["--state", fixture("gcp-dev-noncompliant"), "--json"]);
    assert.equal(run.status, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as {
      stack: string;
      cloud: string;
      violations: { policy: string }[];
      summary: { policies: Record<string, { violations: number }> };
    };
    assert.equal(doc.stack, "dev");
    assert.equal(doc.cloud, "gcp");
    assert.equal(doc.violations.length, 4);
    assert.equal(doc.summary.policies["gcp-pubsub-subscription-missing-oidc-token"]?.violations, 1);
  });

  it("applies --policy-config, exemptions included, and writes SARIF with --sarif", async () => {
    const sarifFile = tempFile("audit.sarif");
    const run = await check([
      "--state",
      fixture("aws-prod-noncompliant"),
      "--policy-config",
      join(EXPORTS_DIR, "prod-exemptions.json"),
      "--sarif",
      sarifFile,
    ]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /\nExempted \(1\):\n {2}\[high, mandatory\] aws-lambda-permission-missing-source-arn\n/,
    );
    const log = JSON.parse(readFileSync(sarifFile, "utf8")) as SarifLike;
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.runs[0]?.results.length, 5);
  });

  it("never prints a secret value, in any format", async () => {
    const sarifFile = tempFile("secrets.sarif");
    const text = await check(["--state", fixture("gcp-dev")]);
    const json = await check(["--state", fixture("gcp-dev"), "--json", "--sarif", sarifFile]);
    assert.ok(readFileSync(fixture("gcp-dev"), "utf8").includes("s3cr3t-orders-api-key-value"));
    for (const out of [
      text.stdout,
      text.stderr,
      json.stdout,
      json.stderr,
      readFileSync(sarifFile, "utf8"),
    ]) {
      assert.ok(!out.includes("s3cr3t-orders-api-key-value"));
    }
    assert.ok(json.stdout.includes('"secretData": "[secret]"'));
  });

  it("warns on stderr about operations left pending in the snapshot, without failing", async () => {
    const doc = loadExport("aws-prod");
    const fn = resourceOf(doc, "aws:lambda/function:Function", "eventstack-audit-fn");
    doc.deployment.pending_operations = [{ resource: fn, type: "updating" }];
    const run = await check(["--state", writeTemp(doc)]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stderr,
      /^check: warning: 1 operation\(s\) were still pending .*updating urn:pulumi:prod::eventstack::/,
    );
  });

  describe("exit code 2 with what is wrong and where", () => {
    const cases: { what: string; args: () => string[]; stderr: RegExp }[] = [
      {
        what: "a file that is not JSON",
        args: () => ["--state", writeTemp("not json")],
        stderr: /^check: .*stack\.json: not JSON: /,
      },
      {
        what: "a deployment version the engine never wrote",
        args: () => ["--state", writeTemp({ ...loadExport("aws-prod"), version: 5 })],
        stderr: /\$\.version: deployment version 5 is not supported/,
      },
      {
        what: "a bad URN, naming its path",
        args: () => {
          const doc = loadExport("gcp-dev");
          (doc.deployment.resources[3] as { urn: string }).urn = "topic";
          return ["--state", writeTemp(doc)];
        },
        stderr:
          /\n {2}\$\.deployment\.resources\[3\]\.urn: must be a URN like urn:pulumi:<stack>::<project>::<type>::<name>, got "topic"\n$/,
      },
      {
        what: "a missing file",
        args: () => ["--state", join(tmpdir(), "no-such-export.json")],
        stderr: /no-such-export\.json: cannot read: ENOENT/,
      },
      {
        what: "--state together with --stack",
        args: () => ["--state", fixture("gcp-dev"), "--stack", "dev"],
        stderr:
          /^check: --state reads the stack and its cloud from the export; drop --stack, --cloud and --project; usage: /,
      },
      {
        what: "an unwritable --sarif file",
        args: () => [
          "--state",
          fixture("gcp-dev"),
          "--sarif",
          join(tmpdir(), "missing-dir", "x.sarif"),
        ],
        stderr:
          /^check: cannot write --sarif .*x\.sarif: the directory .*missing-dir does not exist\n$/,
      },
    ];
    for (const c of cases) {
      it(`for ${c.what}`, async () => {
        const run = await check(c.args());
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, c.stderr);
        assert.equal(run.stdout, "");
      });
    }
  });
});

describe("npm run check -- --stack NAME --sarif FILE", function () {
  this.timeout(180_000);

  it("writes valid SARIF for a plan, its rules the whole pack, its locations in the program", async () => {
    const sarifFile = tempFile("plan.sarif");
    const run = await check(["--stack", "prod", "--sarif", sarifFile]);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const log = JSON.parse(readFileSync(sarifFile, "utf8")) as SarifLike & {
      runs: { tool: { driver: { rules: unknown[] } }; properties: Record<string, unknown> }[];
    };
    assert.deepEqual(sarifSchemaErrors(log), []);
    const run0 = log.runs[0];
    assert.ok(run0);
    assert.ok(run0.tool.driver.rules.length >= 20, "one rule per policy of the pack");
    assert.deepEqual(run0.properties, { stack: "prod", cloud: "aws", source: "plan" });
    for (const result of run0.results) {
      const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? "";
      assert.match(uri, /^(index\.ts|components\/.+\.ts|Pulumi\.prod\.yaml)$/, result.ruleId);
    }
  });
});
