/**
 * The deployability catalog: names, metadata, a README row per rule, and a Noncompliance/Compliance
 * test pair per rule.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deployabilityCatalog, DEPLOYABILITY_RULES } from "../../../policies/deployability";
import { PROJECT_DIR } from "../../support/plan";

const README = readFileSync(join(PROJECT_DIR, "README.md"), "utf8");

describe("deployability catalog", () => {
  it("names every rule deployability-<thing>, uniquely, with a one-sentence description", () => {
    const names = deployabilityCatalog().map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    for (const meta of deployabilityCatalog()) {
      assert.match(meta.name, /^deployability-[a-z0-9]+(-[a-z0-9]+)+$/);
      assert.match(meta.description, /^[A-Z].*\.$/, meta.name);
      assert.ok(meta.remediationSteps.length > 30, meta.name);
      assert.ok(meta.sources.length > 0, `${meta.name} cites its sources`);
    }
  });

  it("has a row in the README's deployability table for every rule, and no row for a rule that does not exist", () => {
    const rows = [...README.matchAll(/^\| `(deployability-[a-z0-9-]+)`/gm)].map((m) => m[1]);
    assert.deepEqual(
      rows.sort(),
      deployabilityCatalog()
        .map((r) => r.name)
        .sort(),
    );
    assert.match(
      README,
      new RegExp(`no findings of ${DEPLOYABILITY_RULES.length} deployability rules`),
    );
  });

  it("has a test file per rule with at least one Noncompliance and one Compliance case", () => {
    for (const { meta } of DEPLOYABILITY_RULES) {
      const file = join(__dirname, `${meta.name.replace(/^deployability-/, "")}.test.ts`);
      assert.ok(existsSync(file), `${file} exists`);
      const text = readFileSync(file, "utf8");
      assert.match(text, /"Noncompliance 1: /, meta.name);
      assert.match(text, /"Compliance 1: /, meta.name);
      assert.ok(text.includes(`describe("${meta.name}"`), `${meta.name} is the suite's name`);
    }
  });
});
