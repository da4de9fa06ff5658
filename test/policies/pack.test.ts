/**
 * The policy pack as `pulumi preview --policy-pack policies` runs it: started the way Pulumi's
 * `pulumi-analyzer-policy` plugin starts a Node.js pack (`@pulumi/pulumi/cmd/run-policy-pack`
 * resolved from the pack directory, run there with `<engine> .`), then driven over gRPC like the
 * engine drives it: GetAnalyzerInfo, Configure, Analyze per resource, AnalyzeStack.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { PACK_NAME, POLICIES } from "../../policies/pack";
import { runPolicies } from "../../policies/offline/evaluate";
import type { RecordedResource } from "../../policies/offline/mock-types";
import { parsePolicyConfig } from "../../policies/offline/policy-config";
import { PROJECT_DIR } from "../support/plan";
import { unary } from "./support/analyzer-call";
import { startPack, stopPack } from "./support/pack-process";
import { MIXED_CONFIG, mixedStack } from "./support/mixed-stack";
import { PROJECT, STACK } from "./support/policy-test";

const PACK_DIR = join(PROJECT_DIR, "policies");

const LEVELS: Record<pb.EnforcementLevel, string> = {
  [pb.EnforcementLevel.ADVISORY]: "advisory",
  [pb.EnforcementLevel.MANDATORY]: "mandatory",
  [pb.EnforcementLevel.DISABLED]: "disabled",
  [pb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_OF: Record<string, pb.EnforcementLevel> = {
  advisory: pb.EnforcementLevel.ADVISORY,
  mandatory: pb.EnforcementLevel.MANDATORY,
  disabled: pb.EnforcementLevel.DISABLED,
  remediate: pb.EnforcementLevel.REMEDIATE,
};

function options(r: RecordedResource): pb.AnalyzerResourceOptions {
  const o = new pb.AnalyzerResourceOptions();
  o.setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) o.setParent(r.parent);
  return o;
}

describe("the policy pack under pulumi preview's analyzer protocol", function () {
  this.timeout(180_000);
  let child: ChildProcess | undefined;
  let client: AnalyzerClient;

  before(async () => {
    const started = await startPack(PACK_DIR);
    child = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
  });

  after(async () => {
    client?.close();
    if (child !== undefined) await stopPack(child);
  });

  it("is a workspace of the root: its dependencies declared at the root's versions, one hoisted copy", () => {
    assert.equal(existsSync(join(PACK_DIR, "node_modules")), false);
    const read = (file: string) =>
      JSON.parse(readFileSync(file, "utf8")) as {
        version?: string;
        workspaces?: string[];
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
    const pkg = read(join(PACK_DIR, "package.json"));
    const root = read(join(PROJECT_DIR, "package.json"));
    assert.match(String(pkg.version), /^\d+\.\d+\.\d+/);
    assert.deepEqual(root.workspaces, ["policies"]);
    const rootVersions = { ...root.devDependencies, ...root.dependencies };
    for (const [mod, version] of Object.entries(pkg.dependencies ?? {})) {
      assert.equal(version, rootVersions[mod], `${mod}: the pack and the root pin one version`);
    }
    for (const mod of ["@pulumi/pulumi", "@pulumi/policy", "zod"]) {
      assert.ok(mod in (pkg.dependencies ?? {}), `the pack declares ${mod}`);
      assert.equal(require.resolve(mod, { paths: [PACK_DIR] }), require.resolve(mod));
    }
  });

  it("serves every policy of the pack with its metadata and config schema", async () => {
    const info = await unary<pb.AnalyzerInfo>((m, o, cb) =>
      client.getAnalyzerInfo(new Empty(), m, o, cb),
    );
    assert.equal(info.getName(), PACK_NAME);
    assert.equal(info.getSupportsconfig(), true);
    const served = info.getPoliciesList();
    assert.deepEqual(
      served.map((p) => p.getName()).sort(),
      POLICIES.map((p) => p.meta.name).sort(),
    );
    for (const p of served) {
      const meta = POLICIES.find((x) => x.meta.name === p.getName())?.meta;
      assert.equal(LEVELS[p.getEnforcementlevel()], meta?.enforcementLevel, p.getName());
      assert.equal(p.getDescription(), meta?.description);
      const schema = p.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
      assert.ok("exemptions" in schema, `${p.getName()} accepts exemptions`);
    }
  });

  it("reports what the offline evaluator reports, for resource and stack policies alike", async () => {
    const resources = mixedStack();
    const config = parsePolicyConfig(JSON.stringify(MIXED_CONFIG), "mixed.json");

    // Configure as the CLI does: every policy, its reconciled level and properties.
    const info = await unary<pb.AnalyzerInfo>((m, o, cb) =>
      client.getAnalyzerInfo(new Empty(), m, o, cb),
    );
    const configure = new pb.ConfigureAnalyzerRequest();
    for (const p of info.getPoliciesList()) {
      const own = config.policies.get(p.getName());
      const level = own?.enforcementLevel ?? LEVELS[p.getEnforcementlevel()];
      const pc = new pb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_OF[level] ?? pb.EnforcementLevel.ADVISORY);
      pc.setProperties(Struct.fromJavaScript((own?.properties ?? {}) as Record<string, never>));
      configure.getPolicyconfigMap().set(p.getName(), pc);
    }
    await unary<Empty>((m, o, cb) => client.configure(configure, m, o, cb));

    const served: string[] = [];
    const record = (d: pb.AnalyzeDiagnostic, urn: string) => {
      const meta = POLICIES.find((p) => p.meta.name === d.getPolicyname())?.meta;
      // String reports arrive as "<description>\n<message>"; object reports as the message.
      const message = d.getMessage().replace(`${meta?.description ?? ""}\n`, "");
      served.push(
        `${d.getPolicyname()}|${d.getUrn() || urn}|${LEVELS[d.getEnforcementlevel()]}|${message}`,
      );
    };
    for (const r of resources) {
      const req = new pb.AnalyzeRequest();
      req.setType(r.type);
      req.setName(r.name);
      req.setUrn(r.urn);
      req.setProperties(Struct.fromJavaScript(r.inputs as Record<string, never>));
      req.setOptions(options(r));
      const res = await unary<pb.AnalyzeResponse>((m, o, cb) => client.analyze(req, m, o, cb));
      for (const d of res.getDiagnosticsList()) record(d, r.urn);
    }
    const stackReq = new pb.AnalyzeStackRequest();
    stackReq.setResourcesList(
      resources.map((r) => {
        const a = new pb.AnalyzerResource();
        a.setType(r.type);
        a.setName(r.name);
        a.setUrn(r.urn);
        a.setProperties(Struct.fromJavaScript(r.outputs as Record<string, never>));
        a.setOptions(options(r));
        a.setParent(r.parent ?? "");
        a.setDependenciesList([...r.dependencies]);
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
          const deps = new pb.AnalyzerPropertyDependencies();
          deps.setUrnsList([...urns]);
          a.getPropertydependenciesMap().set(k, deps);
        }
        return a;
      }),
    );
    const stackRes = await unary<pb.AnalyzeResponse>((m, o, cb) =>
      client.analyzeStack(stackReq, m, o, cb),
    );
    for (const d of stackRes.getDiagnosticsList()) record(d, resources[0]?.urn ?? "");

    const offline = (
      await runPolicies(POLICIES, resources, { stack: STACK, project: PROJECT, config })
    ).map((v) =>
      v.exemption
        ? `${v.policy}|${v.urn}|advisory|[exempted] ${v.message} Exemption: ${v.exemption.reason}`
        : `${v.policy}|${v.urn}|${v.enforcementLevel}|${v.message}`,
    );
    assert.deepEqual([...served].sort(), [...offline].sort());

    // The scenario exercises what it claims to.
    const policiesHit = new Set(offline.map((l) => l.split("|")[0]));
    for (const name of [
      "aws-iam-policydocument-disallow-wildcard-actions",
      "aws-iam-role-disallow-wildcard-trust",
      "aws-cloudwatch-eventtarget-configure-retry-policy",
      "aws-lambda-function-missing-failure-destination",
      "aws-cloudwatch-alarm-missing-notification",
      "gcp-pubsub-topic-missing-dead-letter-subscription",
      "gcp-iam-binding-disallow-basic-roles",
      "aws-kms-key-enable-rotation",
    ]) {
      assert.ok(policiesHit.has(name), `${name} fires`);
    }
    assert.ok(
      offline.some((l) => l.includes("[exempted]")),
      "an exempted finding is reported",
    );
    assert.ok(
      offline.some((l) => l.includes("can't run policy")),
      "an unknown value defers a policy",
    );
    assert.ok(
      !policiesHit.has("aws-lambda-function-missing-error-alarm"),
      "disabled policies do not run",
    );
  });
});
