/**
 * The README's "Cost estimate" table is what `check --cost` computes for the shipped stacks at
 * the default assumptions (1 M events a month). After an intended change to prices or estimators:
 * `UPDATE_README=1 npx mocha test/policies/offline/cost/readme-cost.test.ts`, then review the diff.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck } from "../../../../policies/offline/cli";
import { renderCostMarkdown } from "../../../../policies/offline/cost/render-markdown";
import type { CostEstimate } from "../../../../policies/offline/cost/model";
import { PROJECT_DIR } from "../../../support/plan";

const README = join(PROJECT_DIR, "README.md");
const BEGIN =
  "<!-- cost-estimate:begin (generated: see test/policies/offline/cost/readme-cost.test.ts) -->";
const END = "<!-- cost-estimate:end -->";
/** Markdown tables compared cell by cell: Prettier pads the README's columns. */
const cells = (markdown: string): string =>
  markdown
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/\s*\|\s*/g, "|")
        .replace(/-{3,}/g, "---"),
    )
    .join("\n");
/** The platform design's monthly figures at 1 M messages. */
const DESIGN = { gcp: 70, aws: 26 } as const;

async function estimateOf(stack: "dev" | "prod"): Promise<CostEstimate> {
  const report = await runCheck({
    stack,
    cloud: undefined,
    json: true,
    projectDir: PROJECT_DIR,
    cost: { assumptions: {}, freeTier: false },
  });
  assert.ok(report.cost, `check --stack ${stack} --cost reports a cost`);
  return report.cost;
}

describe("README cost estimate", function () {
  this.timeout(300_000);

  it("shows the shipped stacks' estimates at 1 M events beside the design's $70 (GCP) and $26 (AWS)", async () => {
    const dev = await estimateOf("dev");
    const prod = await estimateOf("prod");
    assert.equal(dev.cloud, "gcp");
    assert.equal(prod.cloud, "aws");
    assert.equal(dev.assumptions.eventsPerMonth, 1_000_000);
    const block = renderCostMarkdown([
      { stack: "dev", estimate: dev, design: DESIGN.gcp },
      { stack: "prod", estimate: prod, design: DESIGN.aws },
    ]);
    const readme = readFileSync(README, "utf8");
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    assert.ok(start >= 0 && end > start, `README.md holds ${BEGIN} … ${END}`);
    const current = readme.slice(start + BEGIN.length, end).trim();
    if (process.env.UPDATE_README === "1" && cells(current) !== cells(block)) {
      writeFileSync(
        README,
        `${readme.slice(0, start + BEGIN.length)}\n\n${block}\n\n${readme.slice(end)}`,
      );
      return;
    }
    assert.equal(cells(current), cells(block));
  });
});
