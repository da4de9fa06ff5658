import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { POLICIES } from "../../policies/pack";
import { formattedPoliciesDoc, POLICIES_DOC, renderPoliciesDoc } from "../../docs/reference";

describe("docs/policies.md", () => {
  it("is what `npm run docs` renders from the pack's catalog and configs (no drift)", async () => {
    assert.equal(readFileSync(POLICIES_DOC, "utf8"), await formattedPoliciesDoc());
  });

  it("lists every policy once, with its level and the dev config's relaxation", () => {
    const text = renderPoliciesDoc();
    for (const { meta } of POLICIES) {
      assert.equal(text.split(`| \`${meta.name}\` |`).length, 2, meta.name);
    }
    const row = text
      .split("\n")
      .find((l) => l.startsWith("| `aws-sqs-queue-configure-customer-managed-key` |"));
    assert.match(row ?? "", /\| mandatory \| advisory \| {2}\|/);
  });
});
