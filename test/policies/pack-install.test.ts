/**
 * The policy pack as an organisation installs it from Pulumi Cloud: `pulumi policy publish` packs
 * the pack's folder with `npm pack`, and the engine, for a pack it must enforce, unpacks the
 * tarball (npm's `package/` folder) and installs its dependencies with `npm install` before
 * starting it (pulumi/pulumi pkg/backend/httpstate/policypack.go, installRequiredPolicy). Here:
 * `npm pack` of a copy of the pack's folder (as `pulumi policy publish` runs it there) into a
 * temporary folder outside the repository, unpacked and installed there from the registry, then
 * started as pulumi-analyzer-policy starts a Node.js pack and driven over the analyzer protocol.
 */
import assert from "node:assert/strict";
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PACK_NAME, POLICIES } from "../../policies/pack";
import { copyPack } from "./support/pack-copy";
import { unary } from "./support/analyzer-call";
import { startPack, stopPack } from "./support/pack-process";

describe("the policy pack, packed with npm pack and installed in a clean folder", function () {
  this.timeout(600_000);
  let tmp = "";
  let source = "";
  let packDir = "";
  let packed: string[] = [];
  let child: ChildProcess | undefined;
  let client: AnalyzerClient | undefined;

  before(() => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), "eventstack-pack-")));
    // A copy of the pack's folder with a bundle of an earlier start in it (policies/dist/, which a
    // fresh checkout does not have yet), so that leaving it out of the tarball is tested.
    source = copyPack("eventstack-pack-source-");
    mkdirSync(join(source, "dist"));
    writeFileSync(join(source, "dist", "pack.js"), "// a bundle of an earlier start\n");
    const report = JSON.parse(
      execFileSync("npm", ["pack", "--pack-destination", tmp, "--json", "--ignore-scripts"], {
        cwd: source,
        encoding: "utf8",
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const tarball = report[0];
    assert.ok(tarball, "npm pack reports the tarball");
    packed = tarball.files.map((f) => f.path).sort();
    const installDir = join(tmp, "install");
    mkdirSync(installDir);
    execFileSync("tar", ["-xzf", join(tmp, tarball.filename), "-C", installDir]);
    packDir = join(installDir, "package");
    execFileSync(
      "npm",
      ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"],
      { cwd: packDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  });

  after(async () => {
    client?.close();
    if (child !== undefined) await stopPack(child);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (source) rmSync(source, { recursive: true, force: true });
  });

  it("packs the pack's files and nothing of the offline checker", () => {
    for (const f of ["PulumiPolicy.yaml", "main.js", "index.ts", "pack.ts", "package.json"]) {
      assert.ok(packed.includes(f), `${f} in ${packed.join(", ")}`);
    }
    assert.deepEqual(
      packed.filter((f) => f.startsWith("offline/") || f.startsWith("dist/")),
      [],
    );
    const pkg = JSON.parse(readFileSync(join(packDir, "package.json"), "utf8")) as {
      name: string;
    };
    assert.equal(pkg.name, PACK_NAME);
  });

  it("resolves its dependencies from its own node_modules, not the repository's", () => {
    // typescript and ts-node stay pinned although the entry is JavaScript: the runner registers
    // whichever `require("typescript")` finds from its own folder upwards (its vendored copies only
    // when none is found, @pulumi/pulumi tsutils.js typeScriptRequireStrings), and a compiler
    // without the API it needs in a folder above the pack's would stop the pack from starting.
    for (const mod of [
      "@pulumi/policy",
      "@pulumi/pulumi",
      "zod",
      "esbuild",
      "typescript",
      "ts-node",
    ]) {
      const resolved = require.resolve(`${mod}/package.json`, { paths: [packDir] });
      assert.ok(resolved.startsWith(`${packDir}/node_modules/`), `${mod}: ${resolved}`);
    }
  });

  it("starts, serves every policy and reports a violation over the analyzer protocol", async () => {
    const started = await startPack(packDir);
    child = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
    const c = client;
    const info = await unary<pb.AnalyzerInfo>((m, o, cb) =>
      c.getAnalyzerInfo(new Empty(), m, o, cb),
    );
    assert.equal(info.getName(), PACK_NAME);
    assert.deepEqual(
      info
        .getPoliciesList()
        .map((p) => p.getName())
        .sort(),
      POLICIES.map((p) => p.meta.name).sort(),
    );

    // An SQS queue with SSE-SQS switched off, as the AWS provider's inputs carry it.
    const req = new pb.AnalyzeRequest();
    req.setType("aws:sqs/queue:Queue");
    req.setName("orders-dlq");
    req.setUrn("urn:pulumi:prod::eventstack::aws:sqs/queue:Queue::orders-dlq");
    req.setProperties(Struct.fromJavaScript({ name: "orders-dlq", sqsManagedSseEnabled: false }));
    const opts = new pb.AnalyzerResourceOptions();
    opts.setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts());
    req.setOptions(opts);
    const res = await unary<pb.AnalyzeResponse>((m, o, cb) => c.analyze(req, m, o, cb));
    const hits = res.getDiagnosticsList().map((d) => d.getPolicyname());
    assert.ok(hits.includes("aws-sqs-queue-enable-encryption"), hits.join(", "));
  });
});
