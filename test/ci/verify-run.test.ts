import assert from "node:assert/strict";
import {
  exitStatus,
  LinePrefixer,
  parseTimings,
  PHASES,
  summary,
  type TaskResult,
} from "../../.ci/verify-run";

const ok = (name: string, seconds = 1): TaskResult => ({ name, status: 0, seconds });

describe("npm run verify's runner", () => {
  it("runs every check of the chain it replaces, the tests last and alone", () => {
    assert.deepEqual(PHASES.flat(), ["lint", "format:check", "typecheck", "test"]);
    assert.deepEqual(PHASES.at(-1), ["test"]);
  });

  describe("LinePrefixer", () => {
    const cases: { what: string; chunks: string[]; out: string[]; rest: string }[] = [
      { what: "one whole line", chunks: ["a\n"], out: ["[x] a\n"], rest: "" },
      { what: "two lines in a chunk", chunks: ["a\nb\n"], out: ["[x] a\n[x] b\n"], rest: "" },
      {
        what: "a line split over chunks",
        chunks: ["a", "b\nc"],
        out: ["", "[x] ab\n"],
        rest: "[x] c\n",
      },
      { what: "an empty line", chunks: ["\n"], out: ["[x] \n"], rest: "" },
      { what: "nothing", chunks: [], out: [], rest: "" },
    ];
    for (const c of cases) {
      it(`prefixes ${c.what}`, () => {
        const lines = new LinePrefixer("[x] ");
        assert.deepEqual(
          c.chunks.map((chunk) => lines.push(chunk)),
          c.out,
        );
        assert.equal(lines.flush(), c.rest);
        assert.equal(lines.flush(), "");
      });
    }
  });

  describe("the verdict", () => {
    it("Compliance 1: every task exited 0", () => {
      const results = [ok("lint", 8.04), ok("test", 40)];
      assert.equal(exitStatus(results), 0);
      assert.equal(summary(results, 48.5), "verify passed: lint 8.0 s, test 40.0 s; total 48.5 s");
    });

    it("Noncompliance 1: a task exited non-zero, and it is named", () => {
      const results = [ok("lint"), { name: "typecheck", status: 2, seconds: 3 }];
      assert.equal(exitStatus(results), 1);
      assert.match(summary(results, 3), /^verify FAILED: .*typecheck 3\.0 s \(FAILED: 2\)/);
    });

    it("Noncompliance 2: a task ended by a signal", () => {
      assert.equal(exitStatus([{ name: "test", status: "SIGTERM", seconds: 1 }]), 1);
    });

    it("Noncompliance 3: nothing ran", () => {
      assert.equal(exitStatus([]), 1);
    });
  });

  describe("--timings", () => {
    it("reads back what the runner writes", () => {
      const doc = {
        tasks: [ok("lint", 2.5), { name: "test", status: "SIGTERM", seconds: 9 }],
        totalSeconds: 11,
      };
      assert.deepEqual(parseTimings(JSON.stringify(doc)), doc);
    });

    const bad: { what: string; doc: unknown; message: RegExp }[] = [
      {
        what: "no tasks",
        doc: { totalSeconds: 1 },
        message: /tasks must be an array, got undefined/,
      },
      {
        what: "a negative total",
        doc: { tasks: [], totalSeconds: -1 },
        message: /totalSeconds must be a number of seconds, got -1/,
      },
      {
        what: "a task without a name",
        doc: { tasks: [{ status: 0, seconds: 1 }], totalSeconds: 1 },
        message: /tasks\[0\]\.name must be a string/,
      },
      {
        what: "a status that is neither",
        doc: { tasks: [{ name: "x", status: null, seconds: 1 }], totalSeconds: 1 },
        message: /tasks\[0\]\.status must be an exit status or a signal name, got null/,
      },
    ];
    for (const c of bad) {
      it(`refuses ${c.what}, naming the field and the value`, () => {
        assert.throws(() => parseTimings(JSON.stringify(c.doc)), c.message);
      });
    }
  });
});
