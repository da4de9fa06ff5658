/**
 * Golden files for the three report formats. After an intended change to a renderer, regenerate
 * them with `UPDATE_GOLDEN=1 npx mocha test/policies/offline/report-golden.test.ts` and review the
 * diff of `test/policies/offline/__golden__/` before committing.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderJson } from "../../../policies/offline/report-json";
import { renderSarif } from "../../../policies/offline/report-sarif";
import { renderText } from "../../../policies/offline/report-text";
import { awsAuditReport, GOLDEN_SARIF_OPTIONS, gcpCleanReport } from "./report-cases";
import { sarifSchemaErrors } from "./sarif-schema";

const GOLDEN_DIR = join(__dirname, "__golden__");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, "utf8"), `${name} differs from its golden file`);
}

describe("report golden files", () => {
  it("text: an audit with findings of every severity, an exemption and a stack-level finding", () => {
    expectGolden(
      "aws-audit.txt",
      renderText(awsAuditReport(), { stateFile: "aws-prod-noncompliant.json" }),
    );
  });

  it("text: a clean stack, with the resource tree of a plan", () => {
    expectGolden("gcp-clean-plan.txt", renderText(gcpCleanReport()));
  });

  it("JSON: the audit document with its per-policy summary", () => {
    expectGolden("aws-audit.json", renderJson(awsAuditReport()));
  });

  it("SARIF: the audit log, valid against the SARIF 2.1.0 schema", () => {
    const sarif = renderSarif(awsAuditReport(), GOLDEN_SARIF_OPTIONS);
    assert.deepEqual(sarifSchemaErrors(JSON.parse(sarif)), []);
    expectGolden("aws-audit.sarif", sarif);
  });
});
