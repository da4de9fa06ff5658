/**
 * The pack's JavaScript entry (policies/main.js), started the way `pulumi-analyzer-policy` starts
 * it, from a copy of the pack whose sources each test changes: Pulumi's runner registers ts-node
 * with `typeCheck: true` for every pack (@pulumi/pulumi cmd/run-policy-pack/run.js), and the entry
 * keeps that type-check out of every preview's start without ever running stale sources.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PACK_NAME } from "../../policies/pack";
import { PROJECT_DIR } from "../support/plan";
import { startPack } from "./support/pack-process";

const PACK_DIR = join(PROJECT_DIR, "policies");

/** The name a running pack reports over the analyzer protocol; stops it afterwards. */
async function servedName(dir: string): Promise<string> {
  const { child, port } = await startPack(dir);
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    const info = await new Promise<pb.AnalyzerInfo>((resolve, reject) =>
      client.getAnalyzerInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res))),
    );
    return info.getName();
  } finally {
    client.close();
    child.kill();
  }
}

/** What a pack that must not start printed when it exited (stopped if it started after all). */
async function startFailure(dir: string): Promise<string> {
  try {
    const { child } = await startPack(dir);
    child.kill();
  } catch (err) {
    // The runner may print the frames with colours (ANSI escapes) around their paths.
    return stripVTControlCharacters(err instanceof Error ? err.message : String(err));
  }
  return assert.fail("the pack started");
}

describe("the policy pack's entry (policies/main.js) under Pulumi's policy-pack runner", function () {
  this.timeout(60_000);
  let dir = "";
  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "eventstack-pack-entry-"));
    cpSync(PACK_DIR, dir, {
      recursive: true,
      filter: (src) => !src.startsWith(join(PACK_DIR, "dist")),
    });
    // Packages resolve from the repository's node_modules, as in the workspace.
    symlinkSync(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("starts although a policy module has a type error that is valid JavaScript: no type-check at start", async () => {
    edit("pack.ts", (t) => `${t}\nexport const typeErrorProbe: number = "not a number";\n`);
    assert.equal(await servedName(dir), PACK_NAME);
  });

  it("runs the sources as they are when it starts, not the bundle of an earlier start", async () => {
    assert.equal(await servedName(dir), PACK_NAME);
    edit("pack.ts", (t) => t.replace(`"${PACK_NAME}"`, `"${PACK_NAME}-edited"`));
    assert.equal(await servedName(dir), `${PACK_NAME}-edited`);
  });

  it("names the TypeScript file and line of an error thrown while the pack loads", async () => {
    edit("pack.ts", (t) => `throw new Error("probe failure");\n${t}`);
    const message = await startFailure(dir);
    assert.match(message, /probe failure/);
    assert.match(message, new RegExp(`\\(${dir}/pack\\.ts:1:7\\)`));
  });

  it("says where it could not write its bundle, instead of starting without it", async () => {
    // A file where the bundle's folder belongs (as root, permissions cannot make it unwritable).
    writeFileSync(join(dir, "dist"), "");
    const message = await startFailure(dir);
    assert.match(message, /cannot write its bundle to .*dist\/pack\.js/);
    assert.match(message, /the pack's folder must be writable/);
  });
});
