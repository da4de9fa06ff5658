/**
 * The container's log sink (app/core/log-sink.ts): lines of one event-loop turn leave in one
 * stdout write, in order, and none is lost when the process exits before the next turn.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../../app/build";
import { batchedStdout } from "../../../app/core/log-sink";
import { NODE, TS_LOADER } from "../../support/loader";

/** A stand-in for stdout that records each write it gets. */
function recorder(): { writes: string[]; write(chunk: string): void } {
  const writes: string[] = [];
  return { writes, write: (chunk) => void writes.push(chunk) };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("batchedStdout (the container's log output)", () => {
  // Each sink hooks `exit`; the hooks of this file's sinks are not left on the test process.
  let exitHooks: Set<unknown>;
  beforeEach(() => {
    exitHooks = new Set(process.listeners("exit"));
  });
  afterEach(() => {
    for (const hook of process.listeners("exit")) {
      if (!exitHooks.has(hook)) process.removeListener("exit", hook);
    }
  });

  it("joins the lines of one event-loop turn into one write, in order, one line each", async () => {
    const out = recorder();
    const sink = batchedStdout(out);
    sink.write('{"n":1}');
    sink.write('{"n":2}');
    sink.write('{"n":3}');
    assert.deepEqual(out.writes, [], "nothing is written within the turn");
    await nextTurn();
    assert.deepEqual(out.writes, ['{"n":1}\n{"n":2}\n{"n":3}\n']);
  });

  it("keeps lines written from promise callbacks of the same turn in that turn's write", async () => {
    // A request's log lines come from the handler and from its awaited continuations.
    const out = recorder();
    const sink = batchedStdout(out);
    sink.write("a");
    await Promise.resolve();
    sink.write("b");
    await Promise.resolve();
    assert.deepEqual(out.writes, [], "a microtask is not a turn");
    await nextTurn();
    assert.deepEqual(out.writes, ["a\nb\n"]);
  });

  it("writes each later turn's lines in a write of their own", async () => {
    const out = recorder();
    const sink = batchedStdout(out);
    sink.write("a");
    await nextTurn();
    sink.write("b");
    await nextTurn();
    await nextTurn();
    assert.deepEqual(out.writes, ["a\n", "b\n"]);
  });

  it("writes what is pending at once on flush, and nothing twice (no empty write after)", async () => {
    const out = recorder();
    const sink = batchedStdout(out);
    sink.write("a");
    sink.flush();
    assert.deepEqual(out.writes, ["a\n"]);
    await nextTurn();
    assert.deepEqual(out.writes, ["a\n"]);
  });

  it("loses no line when the process exits in the same turn (process.exit, as the drain and a crash do)", () => {
    const script = `
      const { batchedStdout } = require(${JSON.stringify(join(REPO_ROOT, "app/core/log-sink.ts"))});
      const sink = batchedStdout();
      sink.write('{"message":"shutdown complete"}');
      process.exit(0);
    `;
    const r = spawnSync(NODE, [...TS_LOADER, "-e", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '{"message":"shutdown complete"}\n');
  });
});
