import assert from "node:assert/strict";
import type { RecordedResource, ResourceOptions } from "../../../policies/offline/mock-types";
import { SECRET_PLACEHOLDER } from "../../../policies/offline/mock-runtime";
import {
  replicateExport,
  toStackExport,
  type StackExport,
} from "../../../policies/offline/state-export";
import { parseStackState } from "../../../policies/offline/state-read";
import { plan } from "../../support/plan";
import { loadExport } from "./state-fixtures";

const reread = (doc: StackExport) => parseStackState(JSON.stringify(doc), "generated.json");

/** Resolves the promises inside asset and archive objects, so values compare by content. */
async function settled(value: unknown): Promise<unknown> {
  if (value instanceof Promise) return settled(await value);
  if (Array.isArray(value)) return Promise.all(value.map(settled));
  if (value !== null && typeof value === "object") {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await settled(v)] as const),
    );
    return { kind: value.constructor.name, ...Object.fromEntries(entries) };
  }
  return value;
}

/** `deleteBeforeReplace` is a goal, not state: the engine's snapshot does not keep it. */
function stateOptions(options: ResourceOptions | undefined): ResourceOptions | undefined {
  if (options === undefined) return undefined;
  const { deleteBeforeReplace: _goalOnly, ...kept } = options;
  return kept;
}

/**
 * What survives a trip through an export: everything but empty property-dependency lists, the
 * content hashes of packaged files (a plan's, from the files on disk; the export keeps the paths)
 * and `deleteBeforeReplace`.
 */
function comparable(resources: readonly RecordedResource[]): Promise<unknown> {
  return settled(
    resources.map(({ packaged: _packaged, ...r }) => ({
      ...r,
      options: stateOptions(r.options),
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).filter(([, deps]) => deps.length > 0),
      ),
    })),
  );
}

describe("stack export writer", function () {
  this.timeout(120_000);

  for (const stack of ["dev", "prod"] as const) {
    it(`writes the ${stack} plan as an export the reader turns back into the same resources`, async () => {
      const planned = await plan(stack);
      const state = reread(await toStackExport(planned.resources));
      assert.equal(state.stack, stack);
      assert.equal(state.project, "eventstack");
      assert.deepEqual(await comparable(state.resources), await comparable(planned.resources));
    });
  }

  it("records where the program registered each resource, relative to the project", async () => {
    const planned = await plan("dev");
    const platform = planned.resources.find((r) => r.type === "eventstack:gcp:Platform");
    assert.equal(platform?.sourcePosition?.uri, "project:///index.ts");
    assert.ok((platform?.sourcePosition?.line ?? 0) > 1);
    const doc = await toStackExport(planned.resources);
    const exported = doc.deployment.resources.find((r) => r.type === "eventstack:gcp:Platform");
    assert.match(String(exported?.sourcePosition), /^project:\/\/\/index\.ts#\d+,\d+$/);
  });

  it("writes redacted values back as secret envelopes, with deterministic ciphertext", async () => {
    const resource: RecordedResource = {
      urn: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
      type: "pulumi:pulumi:Stack",
      name: "demo-dev",
      parent: undefined,
      custom: false,
      id: undefined,
      inputs: {},
      outputs: { apiKey: SECRET_PLACEHOLDER, list: ["plain", SECRET_PLACEHOLDER] },
      dependencies: [],
      propertyDependencies: {},
      provider: undefined,
    };
    const doc = await toStackExport([resource]);
    const outputs = doc.deployment.resources[0]?.outputs as Record<string, unknown>;
    assert.deepEqual(Object.keys(outputs.apiKey as object), [
      "4dabf18193072939515e22adb298388d",
      "ciphertext",
    ]);
    assert.match(
      String((outputs.apiKey as Record<string, unknown>).ciphertext),
      /^v1:[A-Za-z0-9+/=]{20,}$/,
    );
    assert.deepEqual(await toStackExport([resource]), doc);
    assert.deepEqual(reread(doc).resources[0]?.outputs, resource.outputs);
  });

  describe("replication for scale", () => {
    const base = loadExport("aws-prod") as unknown as StackExport;
    const big = replicateExport(base, 10);
    const state = reread(big);

    it("copies every resource below the root nine more times, sharing the root and the default provider", () => {
      const all = base.deployment.resources.length;
      const below = base.deployment.resources.filter((r) => r.parent !== undefined).length;
      assert.equal(all - below, 2, "the root stack and the default provider have no parent");
      assert.equal(big.deployment.resources.length, all + below * 9);
      assert.equal(state.resources.length, big.deployment.resources.length);
      assert.equal(state.resources.filter((r) => r.type === "pulumi:pulumi:Stack").length, 1);
      assert.equal(state.resources.filter((r) => r.type === "pulumi:providers:aws").length, 1);
    });

    it("gives each copy its own URNs, ids and ARNs", () => {
      assert.equal(new Set(state.resources.map((r) => r.urn)).size, state.resources.length);
      const queues = state.resources.filter((r) => r.type === "aws:sqs/queue:Queue");
      assert.equal(new Set(queues.map((q) => q.id)).size, queues.length);
      assert.equal(new Set(queues.map((q) => q.outputs.arn)).size, queues.length);
      assert.ok(queues.some((q) => String(q.outputs.arn).includes(":eventstack-r7-orders-dlq-")));
    });

    it("keeps references by value inside a copy: each copy's target dead-letters to its own queue", () => {
      const targets = state.resources.filter(
        (r) => r.type === "aws:cloudwatch/eventTarget:EventTarget",
      );
      assert.equal(targets.length, 20);
      for (const target of targets) {
        const prefix = target.name.replace(/-(orders|audit)-target$/, "");
        const consumer = /-(orders|audit)-target$/.exec(target.name)?.[1];
        const dlq = state.resources.find((r) => r.name === `${prefix}-${consumer}-dlq`);
        assert.ok(dlq, `queue of ${target.name}`);
        assert.deepEqual(target.inputs.deadLetterConfig, { arn: dlq.outputs.arn });
        assert.ok(target.dependencies.includes(dlq.urn));
      }
    });

    it("leaves an export alone when asked for one copy", () => {
      assert.equal(replicateExport(base, 1), base);
    });
  });
});
