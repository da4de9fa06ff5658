/**
 * `npm run check -- … --cost`: the cost section in the text report and the `cost` field of
 * `--json`, for every shipped stack on both clouds and for stack exports; bad flags and unpriced
 * regions exit 2 naming what is wrong.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkInProcess as check, PROJECT_DIR } from "../../../support/check-cli";

const EXPORTS = join(PROJECT_DIR, "test/fixtures/stack-exports");

/** The `cost` field of a `--json` document: the parts these tests read. */
function costOf(stdout: string): {
  cloud: unknown;
  region: unknown;
  total: unknown;
  lines: number;
} {
  const doc: unknown = JSON.parse(stdout);
  assert.ok(typeof doc === "object" && doc !== null && "cost" in doc, "the document has cost");
  const cost = doc.cost;
  assert.ok(typeof cost === "object" && cost !== null);
  assert.ok("totals" in cost && typeof cost.totals === "object" && cost.totals !== null);
  assert.ok("fixed" in cost && Array.isArray(cost.fixed));
  assert.ok("perEvent" in cost && Array.isArray(cost.perEvent));
  return {
    cloud: "cloud" in cost ? cost.cloud : undefined,
    region: "region" in cost ? cost.region : undefined,
    total: "total" in cost.totals ? cost.totals.total : undefined,
    lines: cost.fixed.length + cost.perEvent.length,
  };
}

describe("check --cost", function () {
  this.timeout(600_000);

  for (const [stack, cloud, region] of [
    ["dev", "gcp", "europe-west1"],
    ["dev", "aws", "eu-west-1"],
    ["prod", "aws", "eu-west-1"],
    ["prod", "gcp", "europe-west1"],
  ] as const) {
    it(`--stack ${stack} --cloud ${cloud} --json carries the estimate`, async () => {
      const r = await check(["--stack", stack, "--cloud", cloud, "--cost", "--json"]);
      assert.equal(r.status, 0, r.stderr);
      const cost = costOf(r.stdout);
      assert.equal(cost.cloud, cloud);
      assert.equal(cost.region, region);
      assert.ok(typeof cost.total === "number" && cost.total > 0);
      assert.ok(cost.lines > 5);
    });
  }

  it("prints the cost section before the summary line, with the same total as --json", async () => {
    const text = await check(["--stack", "prod", "--cost", "--events-per-month", "2000000"]);
    assert.equal(text.status, 0, text.stderr);
    const json = costOf(
      (await check(["--stack", "prod", "--cost", "--events-per-month", "2e6", "--json"])).stdout,
    );
    assert.match(text.stdout, /^Cost estimate: aws eu-west-1, USD per month/m);
    assert.match(text.stdout, /assumes 2,000,000 events\/month/);
    const total = /^ {2}Total: \$(\d+\.\d\d) per month$/m.exec(text.stdout)?.[1];
    assert.equal(Number(total), Math.round(Number(json.total) * 100) / 100);
    assert.match(text.stdout, /at 10× \(20,000,000 events\/month\)/);
    assert.ok(text.stdout.indexOf("Cost estimate") < text.stdout.lastIndexOf("PASS"));
  });

  it("estimates what a stack export holds, with the region from its provider", async () => {
    const r = await check(["--state", join(EXPORTS, "aws-prod.json"), "--cost", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(costOf(r.stdout).region, "eu-west-1");
  });

  it("refuses an export in a region without prices, naming it and the priced ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventstack-cost-"));
    const file = join(dir, "stack.json");
    writeFileSync(
      file,
      readFileSync(join(EXPORTS, "aws-prod.json"), "utf8").replaceAll("eu-west-1", "ap-south-1"),
    );
    const r = await check(["--state", file, "--cost"]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr.trim().split("\n").pop(),
      'check: --cost: region "ap-south-1" is not priced for aws; priced regions: eu-west-1, us-east-1',
    );
  });

  for (const [args, message] of [
    [
      ["--events-per-month=-5"],
      'check: --events-per-month must be an integer from 0 to 1000000000000, got "-5"',
    ],
    [["--payload-kb", "big"], 'check: --payload-kb must be a number from 0 to 1024, got "big"'],
    [
      ["--avg-duration-ms", "0"],
      'check: --avg-duration-ms must be a number from 1 to 900000, got "0"',
    ],
    [
      ["--dead-letter-percent", "150"],
      'check: --dead-letter-percent must be a number from 0 to 100, got "150"',
    ],
    [
      ["--free-tier", "--no-free-tier"],
      "check: --free-tier and --no-free-tier contradict each other; give one",
    ],
  ] as const) {
    it(`exits 2 for ${args.join(" ")}`, async () => {
      const r = await check(["--stack", "dev", "--cost", ...args]);
      assert.equal(r.status, 2);
      assert.equal(r.stderr.trim(), message);
    });
  }

  it("exits 2 for a cost flag without --cost", async () => {
    const r = await check(["--stack", "dev", "--events-per-month", "5"]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim(), "check: --events-per-month: allowed only with --cost");
  });
});
