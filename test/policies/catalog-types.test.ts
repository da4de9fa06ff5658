/** docs/policies.md lists, per rule, the resource types it covers, exactly as the pack declares them. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { POLICIES } from "../../policies/pack";
import { PROJECT_DIR } from "../support/plan";
import { renderTypeCatalog, TYPES_END, TYPES_START } from "./support/type-catalog";

describe("policy catalog (docs/policies.md): resource types per rule", function () {
  this.timeout(60_000);

  it("matches the pack (regenerate with `npm run docs`)", () => {
    const readme = readFileSync(join(PROJECT_DIR, "docs/policies.md"), "utf8");
    const start = readme.indexOf(TYPES_START);
    const end = readme.indexOf(TYPES_END);
    assert.ok(start >= 0 && end > start, "docs/policies.md holds the policy-types block");
    assert.equal(readme.slice(start, end + TYPES_END.length), renderTypeCatalog(POLICIES));
  });

  it("lists every rule of the pack once", () => {
    const block = renderTypeCatalog(POLICIES);
    for (const p of POLICIES) {
      assert.equal(block.split(`- \`${p.meta.name}\`:`).length, 2, p.meta.name);
    }
  });
});
