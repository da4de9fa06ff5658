/**
 * Exports as older Pulumi CLIs wrote them. The shapes come from the engine's `apitype` history
 * (github.com/pulumi/pulumi, sdk/go/common/apitype/core.go): `DeploymentV1`–`V3`, `ResourceV1`–`V3`
 * with their `omitempty` tags, fields added and removed over time (`sequenceNumber`, removed in
 * commit 9dfbee3b2d, #10203; `created`/`modified`, added in 7e0dd3f3c2 in 2023; `metadata`), and
 * the version-4 `features` list (pkg/resource/stack/deployment.go).
 */
import assert from "node:assert/strict";
import { upToResourceV3 } from "../../../policies/offline/state-migrate";
import { parseStackState, UNKNOWN_STACK } from "../../../policies/offline/state-read";
import { resourceSchema } from "../../../policies/offline/state-schema";
import { loadExport, resourceOf, type ExportDoc } from "./state-fixtures";

const AWS_RESOURCES = loadExport("aws-prod").deployment.resources.length;
const BUS = "aws:cloudwatch/eventBus:EventBus";
const KEY_URN =
  "urn:pulumi:prod::eventstack::eventstack:aws:Platform$aws:kms/key:Key::eventstack-key";

function read(doc: unknown) {
  return parseStackState(JSON.stringify(doc), "stack.json");
}

function busOf(state: ReturnType<typeof read>) {
  const bus = state.resources.find((r) => r.type === BUS);
  assert.ok(bus, "the event bus is read");
  return bus;
}

/** The fixture as a version-2 deployment: `ResourceV2` has no `propertyDependencies`. */
function asVersion2(): ExportDoc {
  const doc = loadExport("aws-prod");
  doc.version = 2;
  for (const r of doc.deployment.resources) {
    delete r.propertyDependencies;
    delete r.created;
    delete r.modified;
    delete r.sourcePosition;
  }
  delete doc.deployment.secrets_providers;
  return doc;
}

/**
 * The fixture as a version-1 deployment: no first-class providers, the deprecated `defaults`, and
 * `dependencies`/`initErrors` written even when empty (no `omitempty` on `ResourceV1`).
 */
function asVersion1(): ExportDoc {
  const doc = asVersion2();
  doc.version = 1;
  doc.deployment.resources = doc.deployment.resources
    .filter((r) => !r.type.startsWith("pulumi:providers:"))
    .map((r) => {
      const { provider: _provider, ...rest } = r;
      return { ...rest, defaults: {}, dependencies: r.dependencies ?? null, initErrors: null };
    });
  return doc;
}

describe("stack exports written by older Pulumi CLIs", () => {
  describe("version 3 as CLIs of every 3.x release wrote it", () => {
    it('reads a property dependency of null (CLI 3.4 writes `"<property>": null`) as none', () => {
      const doc = loadExport("aws-prod");
      const bus = resourceOf(doc, BUS, "eventstack-bus");
      bus.propertyDependencies = { kmsKeyIdentifier: [KEY_URN], name: null, tags: null };
      const read1 = busOf(read(doc));
      assert.deepEqual(read1.propertyDependencies, {
        kmsKeyIdentifier: [KEY_URN],
        name: [],
        tags: [],
      });
      assert.ok(read1.dependencies.includes(KEY_URN));
    });

    it("reads a stack with no resources key (the CLI omits an empty list) as 0 resources", () => {
      const doc = loadExport("aws-prod");
      delete (doc.deployment as Record<string, unknown>).resources;
      doc.deployment.secrets_providers = { type: "passphrase", state: { salt: "v1:AAAA:v1:BBBB" } };
      const state = read(doc);
      assert.deepEqual(state.resources, []);
      assert.equal(state.stack, UNKNOWN_STACK);
      assert.deepEqual(state.warnings, [
        "the export holds no resources and does not name its stack; it is reported as (unknown)",
      ]);
    });

    it("names an empty stack after the service secrets provider's state, which records it", () => {
      const doc = loadExport("aws-prod");
      doc.deployment.resources = [];
      doc.deployment.secrets_providers = {
        type: "service",
        state: { url: "https://api.pulumi.com", owner: "acme", project: "shop", stack: "dev" },
      };
      const state = read(doc);
      assert.equal(state.stack, "dev");
      assert.equal(state.project, "shop");
      assert.deepEqual(state.warnings, []);
    });

    it("reads a snapshot whose only resources await deletion as an empty stack", () => {
      const doc = loadExport("aws-prod");
      doc.deployment.resources = doc.deployment.resources.map((r) => ({ ...r, delete: true }));
      const state = read(doc);
      assert.equal(state.resources.length, 0);
      assert.equal(state.stack, "prod");
      assert.deepEqual(state.warnings, [
        `${AWS_RESOURCES} resource(s) marked for deletion (old copies awaiting replacement) are not audited; their live replacements are`,
      ]);
    });

    it("reads fields of past releases: sequenceNumber, metadata, aliases, initErrors, no created/modified", () => {
      const doc = loadExport("aws-prod");
      doc.deployment.metadata = {};
      for (const r of doc.deployment.resources) {
        delete r.created;
        delete r.modified;
        r.sequenceNumber = r.custom ? 1 : 0;
      }
      const bus = resourceOf(doc, BUS, "eventstack-bus");
      bus.aliases = [bus.urn.replace("eventstack-bus", "bus")];
      bus.initErrors = ["creating bus: throttled"];
      bus.sequenceNumber = -1;
      assert.equal(read(doc).resources.length, AWS_RESOURCES);
    });

    it("reads a resource without inputs or outputs (both omitempty)", () => {
      const doc = loadExport("aws-prod");
      const bus = resourceOf(doc, BUS, "eventstack-bus");
      delete bus.inputs;
      delete bus.outputs;
      const read1 = busOf(read(doc));
      assert.deepEqual(read1.inputs, {});
      assert.deepEqual(read1.outputs, {});
    });

    it("reads a snapshot without a root stack resource, naming the stack from the resources' URNs", () => {
      const doc = loadExport("aws-prod");
      doc.deployment.resources = doc.deployment.resources
        .slice(1)
        .map((r) =>
          r.parent?.toString().includes("pulumi:pulumi:Stack") ? { ...r, parent: undefined } : r,
        );
      const state = read(doc);
      assert.equal(state.stack, "prod");
      assert.equal(state.project, "eventstack");
      assert.equal(state.resources.length, AWS_RESOURCES - 1);
      assert.deepEqual(state.warnings, [
        "the export has no pulumi:pulumi:Stack resource; the stack and project are taken from $.deployment.resources[0].urn",
      ]);
    });

    it("reads a file backend checkpoint of a stack never updated (no latest) as an empty stack", () => {
      const checkpoint = { version: 3, checkpoint: { stack: "organization/eventstack/dev" } };
      const state = parseStackState(JSON.stringify(checkpoint), "dev.json");
      assert.equal(state.stack, "dev");
      assert.deepEqual(state.resources, []);
    });
  });

  describe("version 4: version 3 plus the features it needs", () => {
    it("reads it when every feature is one the engine supports", () => {
      const doc = loadExport("aws-prod");
      doc.version = 4;
      doc.features = ["refreshBeforeUpdate", "taint"];
      const bus = resourceOf(doc, BUS, "eventstack-bus");
      bus.refreshBeforeUpdate = true;
      bus.taint = true;
      assert.equal(read(doc).resources.length, AWS_RESOURCES);
    });
  });

  describe("versions 1 and 2, migrated to 3 as the engine does", () => {
    it("Version 2: every input depends on all of the resource's dependencies (UpToResourceV3)", () => {
      const doc = asVersion2();
      const bus = busOf(read(doc));
      const exported = resourceOf(doc, BUS, "eventstack-bus");
      const inputs = Object.keys(exported.inputs as object);
      assert.ok(inputs.length > 1);
      assert.deepEqual(Object.keys(bus.propertyDependencies), inputs);
      for (const deps of Object.values(bus.propertyDependencies)) {
        assert.deepEqual(deps, exported.dependencies);
      }
      assert.equal(read(doc).resources.length, AWS_RESOURCES);
    });

    it("Version 2: pending operations (OperationV1) are migrated and reported", () => {
      const doc = asVersion2();
      const fn = resourceOf(doc, "aws:lambda/function:Function", "eventstack-audit-fn");
      doc.deployment.pending_operations = [
        { resource: { ...fn, urn: fn.urn.replace("audit", "billing") }, type: "updating" },
      ];
      assert.match(read(doc).warnings[0] ?? "", /^1 operation\(s\) were still pending .*updating /);
    });

    it("Version 1: null dependencies, the deprecated defaults and no providers", () => {
      const doc = asVersion1();
      const root = doc.deployment.resources[0];
      assert.equal(root?.dependencies, null, "the root stack is written with null dependencies");
      const state = read(doc);
      assert.deepEqual(state.resources[0]?.dependencies, []);
      assert.equal(state.resources[0]?.type, "pulumi:pulumi:Stack");
      assert.ok(state.resources.every((r) => r.provider === undefined));
      const bus = busOf(state);
      assert.deepEqual(bus.propertyDependencies.kmsKeyIdentifier, bus.dependencies);
      assert.equal(state.stack, "prod");
    });

    it("drops propertyDependencies and defaults, which the older types do not have", () => {
      const old = resourceSchema.parse({
        urn: KEY_URN,
        type: "aws:kms/key:Key",
        custom: true,
        inputs: { description: "k", policy: "{}" },
        defaults: { enableKeyRotation: true },
        dependencies: ["urn:pulumi:prod::eventstack::pulumi:pulumi:Stack::eventstack-prod"],
        propertyDependencies: { description: [] },
      });
      const migrated = upToResourceV3(old);
      assert.equal("defaults" in migrated, false);
      assert.deepEqual(migrated.propertyDependencies, {
        description: old.dependencies,
        policy: old.dependencies,
      });
    });
  });
});
