/**
 * The pack's JavaScript entry (policies/main.js), started the way `pulumi-analyzer-policy` starts
 * it, from a copy of the pack whose sources each test changes: Pulumi's runner registers ts-node
 * with `typeCheck: true` for every pack (@pulumi/pulumi cmd/run-policy-pack/run.js), and the entry
 * keeps that type-check out of every preview's start without ever running stale sources.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PACK_NAME } from "../../policies/pack";
import { copyPack, PACK_DIR } from "./support/pack-copy";
import { unary } from "./support/analyzer-call";
import { startPack, stopPack } from "./support/pack-process";

describe("the policy pack's entry (policies/main.js) under Pulumi's policy-pack runner", function () {
  this.timeout(60_000);
  let dir = "";
  const running = new Set<ChildProcess>();

  /** Starts the pack in `dir`; it is stopped after the test whatever happens. */
  const start = (folder = dir) => startPack(folder, (child) => running.add(child));

  /** The name the pack listening on `port` reports over the analyzer protocol. */
  const nameAt = async (port: number): Promise<string> => {
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const info = await unary<pb.AnalyzerInfo>((m, o, cb) =>
        client.getAnalyzerInfo(new Empty(), m, o, cb),
      );
      return info.getName();
    } finally {
      client.close();
    }
  };

  /** The name the pack in `folder` reports, once started. */
  const servedName = async (folder = dir): Promise<string> => nameAt((await start(folder)).port);

  /** What a pack that must not start printed when it exited. */
  const startFailure = async (): Promise<string> => {
    try {
      await start();
    } catch (err) {
      // The runner may print the frames with colours (ANSI escapes) around their paths.
      return stripVTControlCharacters(err instanceof Error ? err.message : String(err));
    }
    return assert.fail("the pack started");
  };

  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));

  beforeEach(() => {
    dir = copyPack("eventstack-pack-entry-");
  });

  afterEach(async () => {
    await Promise.all([...running].map(stopPack));
    running.clear();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the sources as they are at each start, without type-checking them", async () => {
    assert.equal(await servedName(), PACK_NAME);
    // A new name, and a type error that is valid JavaScript: the runner's ts-node would refuse it.
    edit(
      "pack.ts",
      (t) =>
        `${t.replace(`"${PACK_NAME}"`, `"${PACK_NAME}-edited"`)}\nexport const typeErrorProbe: number = "not a number";\n`,
    );
    assert.equal(await servedName(), `${PACK_NAME}-edited`);
  });

  it("serves from two starts at once in a folder without a bundle (a smoke test: nothing forces the builds to overlap), leaving no temporary file and no esbuild process", async () => {
    const started = await Promise.all([start(), start()]);
    for (const { port } of started) assert.equal(await nameAt(port), PACK_NAME);
    assert.deepEqual(readdirSync(join(dir, "dist")), ["pack.js"]);
    for (const { child } of started) {
      // Linux: the pids of each thread's children (proc(5), /proc/<pid>/task/<tid>/children).
      const children = readdirSync(`/proc/${child.pid}/task`).flatMap((tid) =>
        readFileSync(`/proc/${child.pid}/task/${tid}/children`, "utf8").trim().split(/\s+/),
      );
      assert.deepEqual(
        children.filter((pid) => pid !== ""),
        [],
      );
    }
  });

  it("names the TypeScript file and line of an error thrown while the pack loads", async () => {
    edit("pack.ts", (t) => `throw new Error("probe failure");\n${t}`);
    const message = await startFailure();
    assert.match(message, /probe failure/);
    assert.ok(message.includes(`(${dir}/pack.ts:1:7)`), message);
  });

  it("reports a syntax error with its file, line and column, once, as the runner's reported failure", async () => {
    edit("pack.ts", (t) => `const broken = ;\n${t}`);
    const message = await startFailure();
    assert.ok(message.startsWith("pack exited 32: "), message);
    assert.ok(message.includes(`cannot bundle ${dir}/index.ts:`), message);
    assert.ok(message.includes(`${dir}/pack.ts:1:16: Unexpected ";"`), message);
    assert.equal(message.split('Unexpected ";"').length, 2, `reported once: ${message}`);
    // No stack: the message is the whole report (32 is the runner's own status for that, run.js).
    assert.doesNotMatch(message, /\n\s+at /);
  });

  it("says where it could not write its bundle and why, instead of starting without it", async () => {
    // A file where the bundle's folder belongs (as root, permissions cannot make it unwritable).
    writeFileSync(join(dir, "dist"), "");
    const message = await startFailure();
    assert.ok(message.includes(`cannot write its bundle to ${dir}/dist/pack.js: `), message);
    assert.match(message, /ENOTDIR|EEXIST/);
  });

  it("leaves no temporary file behind when the bundle cannot take its place, and names the cause", async () => {
    // A directory where the bundle belongs: the write aside succeeds, the rename over it fails.
    mkdirSync(join(dir, "dist", "pack.js"), { recursive: true });
    writeFileSync(join(dir, "dist", "pack.js", "keep"), "");
    const message = await startFailure();
    assert.ok(message.includes(`cannot write its bundle to ${dir}/dist/pack.js: `), message);
    assert.match(message, /EISDIR|ENOTEMPTY|EEXIST/);
    assert.deepEqual(readdirSync(join(dir, "dist")), ["pack.js"]);
  });

  it("has no tsconfig.json beside it, with which the runner's ts-node could compile the bundle", () => {
    assert.equal(existsSync(join(PACK_DIR, "tsconfig.json")), false);
  });
});
