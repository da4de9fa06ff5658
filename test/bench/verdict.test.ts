import assert from "node:assert/strict";
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
});
