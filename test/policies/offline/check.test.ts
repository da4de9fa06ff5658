import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkInProcess as check, sharedCheck, type CheckRun } from "../../support/check-cli";
import { PROJECT_DIR } from "../../support/plan";
import { NODE, TS_LOADER } from "../../support/loader";

/** A throwaway project: this repo's program and Pulumi.yaml, with a stack file of the test's own. */
function projectWith(
  stackFile: string,
  program = `export = require(${JSON.stringify(join(PROJECT_DIR, "index.ts"))});\n`,
): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-check-"));
  copyFileSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  writeFileSync(join(dir, "Pulumi.test.yaml"), stackFile);
  writeFileSync(join(dir, "index.ts"), program);
  return dir;
}

const devStack = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");

describe("npm run check", function () {
  this.timeout(180_000);

  describe("text report", () => {
    let run: CheckRun;
    before(async () => {
      run = await check(["--stack", "dev"]);
    });

    it("exits 0 for the shipped dev stack", () => {
      assert.equal(run.status, 0, run.stderr);
    });

    it("prints the planned tree with the stack as root and the GCP platform under it", () => {
      const lines = run.stdout.split("\n");
      assert.ok(lines.includes("pulumi:pulumi:Stack  eventstack-dev"), run.stdout);
      assert.ok(
        lines.some((l) => /^(├─|└─) eventstack:gcp:Platform {2}eventstack$/.test(l)),
        run.stdout,
      );
    });

    it("states the resource count", async () => {
      const json = JSON.parse((await sharedCheck(["--stack", "dev", "--json"])).stdout) as {
        resources: unknown[];
      };
      assert.match(run.stdout, new RegExp(`\\b${json.resources.length} resources\\b`));
    });
  });

  describe("--json", () => {
    it("prints one document with stack, cloud, resources, packaged, violations, deployability and summary", async () => {
      const run = await sharedCheck(["--stack", "dev", "--json"]);
      assert.equal(run.status, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(doc), [
        "stack",
        "cloud",
        "resources",
        "packaged",
        "violations",
        "deployability",
        "summary",
      ]);
      assert.deepEqual(doc.deployability, []);
      assert.equal(doc.stack, "dev");
      assert.equal(doc.cloud, "gcp");
      assert.ok(Array.isArray(doc.violations));
      const resources = doc.resources as Record<string, unknown>[];
      for (const r of resources) {
        assert.deepEqual(Object.keys(r), ["urn", "type", "name", "parent", "inputs", "options"]);
        assert.match(String(r.urn), /^urn:pulumi:dev::eventstack::/);
      }
      const root = resources[0];
      assert.equal(root?.type, "pulumi:pulumi:Stack");
      assert.equal(root?.parent, null);
      const summary = doc.summary as { resources: number };
      assert.equal(summary.resources, resources.length);
    });
  });

  describe("--cloud", () => {
    it("plans the same stack on the other cloud", async () => {
      const run = await check(["--stack", "dev", "--cloud", "aws", "--json"]);
      assert.equal(run.status, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as { cloud: string; resources: { type: string }[] };
      assert.equal(doc.cloud, "aws");
      assert.ok(doc.resources.some((r) => r.type === "eventstack:aws:Platform"));
      assert.ok(!doc.resources.some((r) => r.type.startsWith("gcp:")));
    });
  });

  describe("exit code 2 with a one-line reason", () => {
    const cases: { what: string; args: string[]; stderr: RegExp; cwd?: () => string }[] = [
      {
        what: "a stack whose cloud is azure, naming the key",
        args: ["--stack", "test"],
        cwd: () =>
          projectWith(devStack.replace("eventstack:cloud: gcp", "eventstack:cloud: azure")),
        stderr: /^check: eventstack:cloud must be "gcp" or "aws", got "azure"\n$/,
      },
      {
        what: "an unknown config key",
        args: ["--stack", "test"],
        cwd: () => projectWith(`${devStack}  eventstack:consumer: orders\n`),
        stderr: /^check: eventstack:consumer is not a known key; allowed keys: .*\n$/,
      },
      {
        what: "consumer event types the cloud would refuse, naming the key",
        args: ["--stack", "test"],
        cwd: () =>
          projectWith(
            devStack.replace(
              "        - com.example.order.shipped.v1\n",
              Array.from(
                { length: 12 },
                (_, i) => `        - com.example.fulfilment.warehouse${i}.parcel.shipped.v1\n`,
              ).join(""),
            ),
          ),
        stderr:
          /^check: eventstack:consumers\[1\]\.eventTypes: the 14 event types of consumer audit make a \d+-byte Pub\/Sub filter; Pub\/Sub allows 256 bytes.*\n$/,
      },
      { what: "a missing --stack", args: [], stderr: /^check: --stack is required; usage: .*\n$/ },
      {
        what: "an unknown stack",
        args: ["--stack", "qa"],
        stderr: /^check: no stack file for --stack "qa"; stacks here: dev, prod\n$/,
      },
      {
        what: "an unknown flag",
        args: ["--stack", "dev", "--colour"],
        stderr: /^check: Unknown option '--colour'.*\n$/,
      },
      {
        what: "an unknown --cloud",
        args: ["--stack", "dev", "--cloud", "azure"],
        stderr: /^check: --cloud must be "gcp" or "aws", got "azure"\n$/,
      },
    ];
    for (const c of cases) {
      it(`for ${c.what}`, async () => {
        const cwd = c.cwd?.();
        const run = await check(c.args, cwd === undefined ? {} : { cwd });
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, c.stderr);
        assert.equal(run.stdout, "");
      });
    }
  });

  it("exits 3 when the program itself throws", async () => {
    const cwd = projectWith(
      devStack,
      'export = async () => { throw new Error("boom in program"); };\n',
    );
    const run = await check(["--stack", "test"], { cwd });
    assert.equal(run.status, 3);
    assert.match(run.stderr, /the program failed under the mock runtime: Error: boom in program/);
  });

  it("loads only the chosen cloud's provider SDK", () => {
    const probe = `
      const { planStack } = require(${JSON.stringify(join(PROJECT_DIR, "policies/offline/plan.ts"))});
      planStack({ projectDir: ${JSON.stringify(PROJECT_DIR)}, stack: process.argv[1] }).then(() => {
        const loaded = (sdk) => Object.keys(require.cache).some((p) => p.includes("/node_modules/@pulumi/" + sdk + "/"));
        process.stdout.write(JSON.stringify({ aws: loaded("aws"), gcp: loaded("gcp") }));
      });`;
    const loaded = (stack: string) => {
      const r = spawnSync(NODE, [...TS_LOADER, "-e", probe, stack], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
      });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { aws: boolean; gcp: boolean };
    };
    assert.deepEqual(loaded("dev"), { aws: false, gcp: true });
    assert.deepEqual(loaded("prod"), { aws: true, gcp: false });
  });
});
