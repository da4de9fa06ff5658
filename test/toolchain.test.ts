import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "./support/plan";

describe("toolchain", () => {
  it("runs the tests on Node 24 LTS from the project's own devDependency", () => {
    assert.equal(process.versions.node.split(".")[0], "24");
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
      allowScripts: Record<string, boolean>;
    };
    assert.match(pkg.devDependencies.node ?? "", /^24\.\d+\.\d+$/);
    assert.equal(pkg.allowScripts.node, true, "npm may run the node package's install script");
  });

  it("pins TypeScript to 5.9.x (7 has no compiler API for ts-node and the policy runner)", () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    assert.match(pkg.devDependencies.typescript ?? "", /^5\.9\.\d+$/);
  });
});
