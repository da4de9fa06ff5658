import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchRow } from "./harness";
import { exitCodeFor, selectSections, UnknownSectionError, WarningTally } from "./verdict";

const FILES = ["audit.bench.ts", "consumer.bench.ts", "harness.ts", "plan-aws.bench.ts"];
const row = (met: boolean | undefined): BenchRow => ({
  section: "s",
  name: "n",
  value: 1,
  unit: "ms",
  ...(met === undefined ? {} : { target: "t", met }),
});

describe("the bench's verdict", () => {
  it("runs every section when none is named, and exactly the named ones otherwise", () => {
    assert.deepEqual(selectSections(FILES, []), [
      "audit.bench.ts",
      "consumer.bench.ts",
      "plan-aws.bench.ts",
    ]);
    assert.deepEqual(selectSections(FILES, ["consumer"]), ["consumer.bench.ts"]);
  });

  it("refuses a name that is not a whole section name, listing the sections", () => {
    assert.throws(
      () => selectSections(FILES, ["nosuch"]),
      (err: unknown) =>
        err instanceof UnknownSectionError &&
        err.message === 'unknown bench section "nosuch"; sections: audit, consumer, plan-aws',
    );
    // A prefix is not a section: `plan` used to run plan-aws silently.
    assert.throws(() => selectSections(FILES, ["plan"]), UnknownSectionError);
  });

  it("exits 1 when any figure misses its target, and when nothing was measured", () => {
    assert.equal(exitCodeFor([row(true), row(undefined)]), 0);
    assert.equal(exitCodeFor([row(true), row(false)]), 1);
    assert.equal(exitCodeFor([]), 1);
  });

  it("prints each distinct warning once, with how often it came", () => {
    const t = new WarningTally();
    for (let i = 0; i < 37; i++) t.add("warning: [runtime] secret x has no value");
    t.add("warning: [runtime] other");
    assert.deepEqual(t.lines(), [
      "warning: [runtime] secret x has no value (×37)",
      "warning: [runtime] other",
    ]);
  });

  it("has every section of this folder in the README's benchmark table, and no other", () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    const part = readme.slice(
      readme.indexOf("## Tests and benchmarks"),
      readme.indexOf("## Layout"),
    );
    const listed = [...part.matchAll(/^ {2}\| `([a-z-]+)` +\|/gm)].map((m) => m[1]);
    const sections = selectSections(readdirSync(__dirname), []).map((f) =>
      f.replace(/\.bench\.ts$/, ""),
    );
    assert.deepEqual(listed.sort(), sections.sort());
  });
});
