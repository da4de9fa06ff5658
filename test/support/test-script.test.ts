/**
 * `npm test` names its files in dispatch order: the two that start the most processes first (the
 * policy pack packed and installed, the pack's entry started seven times), so that neither becomes
 * the run's tail, then every other one.
 * Mocha runs each spec's matches in turn without removing repeats (mocha lib/cli/collect-files.cjs
 * concatenates the specs' files), so an ordering spec must come with a glob that leaves it out.
 */
import assert from "node:assert/strict";
import { globSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_DIR } from "./plan";

/** The spec arguments of the `test` script: its words that are neither mocha nor a flag. */
function testScriptSpecs(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts.test;
  assert.ok(script !== undefined, "package.json has a test script");
  const words = script.match(/"[^"]*"|\S+/g) ?? [];
  const specs: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] ?? "").replace(/^"(.*)"$/, "$1");
    if (i === 0) {
      assert.equal(word, "mocha", script);
      continue;
    }
    if (word === "--jobs") {
      i += 1; // its value
      continue;
    }
    if (!word.startsWith("-")) specs.push(word);
  }
  return specs;
}

describe("npm test's file list", () => {
  it("dispatches every test file exactly once, the policy pack's install and entry first", () => {
    const dispatched = testScriptSpecs().flatMap((spec) =>
      globSync(spec, { cwd: PROJECT_DIR }).sort(),
    );
    const every = globSync("test/**/*.test.ts", { cwd: PROJECT_DIR }).sort();
    const repeated = dispatched.filter((file, i) => dispatched.indexOf(file) !== i);
    assert.deepEqual(repeated, [], "files dispatched twice");
    assert.deepEqual([...dispatched].sort(), every, "files never dispatched");
    assert.deepEqual(dispatched.slice(0, 2), [
      "test/policies/pack-install.test.ts",
      "test/policies/pack-entry.test.ts",
    ]);
    assert.ok(every.includes(relative(PROJECT_DIR, __filename)), "this file is one of them");
  });
});
