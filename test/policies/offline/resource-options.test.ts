/**
 * Resource options are part of the plan: the mock runtime records them from the registration as
 * the engine keeps them, `--json` carries them, and policies get `args.opts` exactly as
 * @pulumi/policy's analyzer builds them.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as gstruct from "google-protobuf/google/protobuf/struct_pb";
import type { PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";
import type { PackPolicy } from "../../../policies/lib/define";
import { optionsOf, runPolicies } from "../../../policies/offline/evaluate";
import { installMockRuntime, runProgram } from "../../../policies/offline/mock-runtime";
import { durationSeconds } from "../../../policies/offline/mock-options";
import type { RecordedResource, ResourceOptions } from "../../../policies/offline/mock-types";
import { renderJson } from "../../../policies/offline/report-json";
import { buildReport } from "../../../policies/offline/report-model";

type AnalyzeRpc = (call: { request: unknown }, callback: (err: unknown) => void) => Promise<void>;
type MakeAnalyzeRpc = (
  pack: string,
  version: string,
  level: string,
  policies: readonly unknown[],
) => AnalyzeRpc;

/** The analyzer's own RPC handler (server.js; marked @internal, so not in its typings). */
function makeAnalyzeRpcFun(...args: Parameters<MakeAnalyzeRpc>): AnalyzeRpc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require("@pulumi/policy/server") as Record<string, unknown>;
  const make = server.makeAnalyzeRpcFun;
  assert.equal(typeof make, "function", "@pulumi/policy/server exports makeAnalyzeRpcFun");
  return (make as MakeAnalyzeRpc)(...args);
}

const CONFIG = { "aws:region": "eu-west-1" };
const STACK_URN = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev";

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    this.registerOutputs({});
  }
}

/** A component whose children set every option the engine records. */
async function planWithOptions(): Promise<readonly RecordedResource[]> {
  const runtime = await installMockRuntime({ project: "shop", stack: "dev", config: CONFIG });
  await runProgram(async () => {
    const aws = await import("@pulumi/aws");
    const box = new Box("box", { protect: true });
    const key = new aws.kms.Key("key", {}, { parent: box });
    const queue = new aws.sqs.Queue(
      "orders",
      { kmsMasterKeyId: key.arn },
      {
        parent: box,
        protect: false,
        retainOnDelete: true,
        deleteBeforeReplace: true,
        ignoreChanges: ["tags"],
        aliases: [{ name: "orders-old" }, { parent: pulumi.rootStackResource }],
        dependsOn: [key],
        customTimeouts: { create: "5m", delete: "1h30m" },
        additionalSecretOutputs: ["url"],
        replaceOnChanges: ["name"],
      },
    );
    new aws.sqs.QueuePolicy(
      "orders-policy",
      { queueUrl: queue.url, policy: "{}" },
      { parent: box, dependsOn: [queue, key] },
    );
    return {};
  });
  return runtime.resources;
}

const byName = (resources: readonly RecordedResource[], name: string): RecordedResource => {
  const r = resources.find((x) => x.name === name);
  assert.ok(r, `no resource named ${name}`);
  return r;
};

const BOX = "urn:pulumi:dev::shop::test:index:Box::box";
const KEY = "urn:pulumi:dev::shop::test:index:Box$aws:kms/key:Key::key";
const QUEUE = "urn:pulumi:dev::shop::test:index:Box$aws:sqs/queue:Queue::orders";

describe("resource options", function () {
  this.timeout(60_000);
  let resources: readonly RecordedResource[];
  before(async () => {
    resources = await planWithOptions();
  });

  it("records the options of a registration as the engine keeps them", () => {
    const expected: ResourceOptions = {
      protect: false,
      retainOnDelete: true,
      deleteBeforeReplace: true,
      ignoreChanges: ["tags"],
      // The key is named by an input too, so only dependsOn's other entries remain (none).
      dependsOn: [],
      aliases: [
        "urn:pulumi:dev::shop::test:index:Box$aws:sqs/queue:Queue::orders-old",
        "urn:pulumi:dev::shop::aws:sqs/queue:Queue::orders",
      ],
      customTimeouts: { create: 300, update: 0, delete: 5400, read: 0 },
      additionalSecretOutputs: ["url"],
      replaceOnChanges: ["name"],
    };
    assert.deepEqual(byName(resources, "orders").options, expected);
  });

  it("keeps dependsOn entries that no input names, and inherits protect from the parent", () => {
    const policy = byName(resources, "orders-policy").options;
    assert.deepEqual(policy?.dependsOn, [KEY]);
    assert.equal(policy?.protect, true);
    assert.equal(policy?.retainOnDelete, false);
    assert.equal(policy?.deleteBeforeReplace, undefined);
    assert.equal(byName(resources, "key").options?.protect, true);
    assert.equal(byName(resources, "box").options?.protect, true);
  });

  it("writes the options of every resource into the --json document", () => {
    const doc = JSON.parse(renderJson(buildReport("dev", "aws", resources, []))) as {
      resources: { urn: string; options: unknown }[];
    };
    const queue = doc.resources.find((r) => r.urn === QUEUE);
    assert.deepEqual(queue?.options, byName(resources, "orders").options);
    const stack = doc.resources.find((r) => r.urn === STACK_URN);
    assert.deepEqual(stack?.options, {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      dependsOn: [],
      aliases: [],
      customTimeouts: { create: 0, update: 0, delete: 0, read: 0 },
      additionalSecretOutputs: [],
      replaceOnChanges: [],
    });
  });

  it("hands policies args.opts exactly as @pulumi/policy's analyzer does", async () => {
    for (const name of ["orders", "orders-policy", "key", "box"]) {
      const r = byName(resources, name);
      const offline = await optsSeenOffline(r);
      assert.deepEqual(offline, await optsSeenByAnalyzer(r), name);
      assert.deepEqual(offline, optionsOf(r));
    }
    const queue = await optsSeenOffline(byName(resources, "orders"));
    assert.deepEqual(queue, {
      protect: false,
      ignoreChanges: ["tags"],
      aliases: [
        "urn:pulumi:dev::shop::test:index:Box$aws:sqs/queue:Queue::orders-old",
        "urn:pulumi:dev::shop::aws:sqs/queue:Queue::orders",
      ],
      customTimeouts: { createSeconds: 300, updateSeconds: 0, deleteSeconds: 5400 },
      additionalSecretOutputs: ["url"],
      deleteBeforeReplace: true,
      parent: BOX,
    });
  });

  it("parses custom timeouts as Go durations, and rejects anything else naming the option", () => {
    const table: [string, number][] = [
      ["5m", 300],
      ["1h30m", 5400],
      ["1.5h", 5400],
      ["90s", 90],
      ["250ms", 0.25],
      ["0", 0],
    ];
    for (const [text, seconds] of table) assert.equal(durationSeconds(text, "create"), seconds);
    assert.throws(() => durationSeconds("5 minutes", "delete"), {
      message:
        'customTimeouts.delete must be a Go duration such as "5m" or "1h30m", got "5 minutes"',
    });
  });
});

/** The `opts` a resource policy receives from the offline evaluator. */
async function optsSeenOffline(r: RecordedResource): Promise<PolicyResourceOptions> {
  let seen: PolicyResourceOptions | undefined;
  const probe: PackPolicy = {
    meta: {
      name: "test-options-probe",
      description: "Records the options it is given.",
      severity: "low",
      enforcementLevel: "advisory",
      tags: [],
      remediationSteps: "None.",
    },
    policy: {
      name: "test-options-probe",
      description: "Records the options it is given.",
      enforcementLevel: "advisory",
      validateResource: (args: ResourceValidationArgs) => {
        if (args.urn === r.urn) seen = args.opts;
      },
    },
    types: [],
  };
  await runPolicies([probe], [r], { stack: "dev", project: "shop" });
  assert.ok(seen, `the probe did not see ${r.urn}`);
  return seen;
}

/**
 * The `opts` @pulumi/policy's analyzer hands a policy for the options the engine marshals for this
 * resource (github.com/pulumi/pulumi, pkg/resource/plugin/analyzer_plugin.go
 * `marshalResourceOptions`: deleteBeforeReplace with a "defined" flag, timeouts in seconds).
 */
async function optsSeenByAnalyzer(r: RecordedResource): Promise<PolicyResourceOptions> {
  const o = r.options;
  assert.ok(o);
  const opts = new analyzerproto.AnalyzerResourceOptions();
  opts.setProtect(o.protect);
  opts.setIgnorechangesList([...o.ignoreChanges]);
  opts.setDeletebeforereplace(o.deleteBeforeReplace ?? false);
  opts.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
  opts.setAdditionalsecretoutputsList([...o.additionalSecretOutputs]);
  opts.setAliasesList([...o.aliases]);
  const timeouts = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(o.customTimeouts.create);
  timeouts.setUpdate(o.customTimeouts.update);
  timeouts.setDelete(o.customTimeouts.delete);
  timeouts.setRead(o.customTimeouts.read);
  opts.setCustomtimeouts(timeouts);
  opts.setParent(r.parent ?? "");
  const req = new analyzerproto.AnalyzeRequest();
  req.setType(r.type);
  req.setUrn(r.urn);
  req.setName(r.name);
  req.setProperties(gstruct.Struct.fromJavaScript({}));
  req.setOptions(opts);

  let seen: PolicyResourceOptions | undefined;
  const policy = {
    name: "test-options-probe",
    description: "Records the options it is given.",
    enforcementLevel: "advisory" as const,
    validateResource: (args: ResourceValidationArgs) => {
      seen = args.opts;
    },
  };
  const analyze = makeAnalyzeRpcFun("probe", "0.0.1", "advisory", [policy]);
  await new Promise<void>((done, fail) => {
    void analyze({ request: req }, (err: unknown) => (err ? fail(err) : done()));
  });
  assert.ok(seen);
  return seen;
}
