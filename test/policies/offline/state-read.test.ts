import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { SECRET_PLACEHOLDER } from "../../../policies/offline/mock-runtime";
import { cloudOfResources } from "../../../policies/offline/state-audit";
import {
  parseStackState,
  readStackState,
  StateFileError,
} from "../../../policies/offline/state-read";
import {
  EXPORTS_DIR,
  loadExport,
  resourceOf,
  writeTemp,
  type ExportDoc,
  type ExportResource,
} from "./state-fixtures";

const AWS = join(EXPORTS_DIR, "aws-prod.json");
const GCP = join(EXPORTS_DIR, "gcp-dev.json");
const AWS_RESOURCES = loadExport("aws-prod").deployment.resources.length;

function one<T extends { urn: string }>(list: readonly T[], suffix: string): T {
  const found = list.filter((r) => r.urn.endsWith(suffix));
  assert.equal(found.length, 1, `one resource ending with ${suffix}`);
  return found[0] as T;
}

function parseDoc(doc: unknown): ReturnType<typeof parseStackState> {
  return parseStackState(JSON.stringify(doc), "stack.json");
}

function problemOf(doc: unknown): string {
  try {
    parseStackState(typeof doc === "string" ? doc : JSON.stringify(doc), "stack.json");
  } catch (err) {
    assert.ok(err instanceof StateFileError, String(err));
    return err.message;
  }
  assert.fail("expected a StateFileError");
}

describe("stack export reader", () => {
  describe("a deployed AWS stack", () => {
    const state = readStackState(AWS);

    it("takes the stack and project from the root stack's URN", () => {
      assert.equal(state.stack, "prod");
      assert.equal(state.project, "eventstack");
    });

    it("keeps every resource in snapshot order, root first, with its name from the URN", () => {
      assert.equal(state.resources.length, AWS_RESOURCES);
      assert.equal(state.resources[0]?.type, "pulumi:pulumi:Stack");
      const target = one(state.resources, "::eventstack-orders-target");
      assert.equal(target.name, "eventstack-orders-target");
      assert.equal(target.type, "aws:cloudwatch/eventTarget:EventTarget");
      assert.equal(
        target.parent,
        "urn:pulumi:prod::eventstack::eventstack:aws:Platform::eventstack",
      );
      assert.equal(target.custom, true);
      assert.match(
        target.id ?? "",
        /^eventstack-bus-4b1e9a2\/eventstack-orders-rule-[0-9a-f]{7}\/eventstack-orders-target$/,
      );
    });

    it("gives resource policies the inputs and stack policies the outputs, dependencies and provider", () => {
      const target = one(state.resources, "::eventstack-orders-target");
      const dlq = one(state.resources, "::eventstack-orders-dlq");
      assert.deepEqual(target.inputs.deadLetterConfig, { arn: dlq.outputs.arn });
      assert.equal(target.outputs.region, "eu-west-1");
      assert.ok(target.dependencies.includes(dlq.urn));
      assert.deepEqual(target.propertyDependencies.deadLetterConfig, [dlq.urn]);
      assert.match(
        target.provider ?? "",
        /^urn:pulumi:prod::eventstack::pulumi:providers:aws::default_7_48_0::[0-9a-f-]{36}$/,
      );
    });

    it("reads the program position of each registration", () => {
      const target = one(state.resources, "::eventstack-orders-target");
      assert.deepEqual(target.sourcePosition, {
        uri: "project:///components/aws/delivery.ts",
        line: 33,
        column: 18,
      });
      assert.equal(state.resources[0]?.sourcePosition, undefined);
    });

    it("names the cloud from the providers in use", () => {
      assert.equal(cloudOfResources(state.resources), "aws");
      assert.equal(cloudOfResources(readStackState(GCP).resources), "gcp");
      assert.equal(cloudOfResources(state.resources.slice(0, 1)), null);
    });

    it("has no warnings for a clean snapshot", () => {
      assert.deepEqual(state.warnings, []);
    });
  });

  describe("secrets", () => {
    for (const [file, value] of [
      [AWS, "ciphertext"],
      [GCP, "s3cr3t-orders-api-key-value"],
    ] as const) {
      it(`replaces every secret envelope of ${file.split("/").pop()} by the placeholder`, () => {
        const raw = readFileSync(file, "utf8");
        const state = readStackState(file);
        const text = JSON.stringify(state.resources);
        assert.ok(raw.includes(value), "the fixture holds a secret");
        assert.ok(!text.includes(value), "no secret survives the reader");
        assert.ok(!text.includes("1b47061264138c4ac30d75fd1eb44270"));
        const version = state.resources.find((r) =>
          r.type.endsWith("/secretVersion:SecretVersion"),
        );
        const secretValue = version?.inputs.secretString ?? version?.inputs.secretData;
        assert.equal(secretValue, SECRET_PLACEHOLDER);
      });
    }

    it("hides secrets nested in arrays and outputs too", () => {
      const doc = loadExport("aws-prod");
      const fn = resourceOf(doc, "aws:lambda/function:Function", "eventstack-orders-fn");
      const secret = {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        plaintext: '"hunter2"',
      };
      fn.outputs = {
        ...(fn.outputs as object),
        layers: ["arn:aws:lambda:eu-west-1:123456789012:layer:x:1", secret],
      };
      const state = parseDoc(doc);
      const read = one(state.resources, "::eventstack-orders-fn");
      assert.deepEqual(read.outputs.layers, [
        "arn:aws:lambda:eu-west-1:123456789012:layer:x:1",
        SECRET_PLACEHOLDER,
      ]);
      assert.ok(!JSON.stringify(state).includes("hunter2"));
    });
  });

  describe("special values", () => {
    it("turns resource references into the referenced id, or URN for components", () => {
      const doc = loadExport("aws-prod");
      const key = resourceOf(doc, "aws:kms/key:Key", "eventstack-key");
      const platform = resourceOf(doc, "eventstack:aws:Platform", "eventstack");
      const bus = resourceOf(doc, "aws:cloudwatch/eventBus:EventBus", "eventstack-bus");
      const ref = (urn: string, id?: string) => ({
        "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e",
        urn,
        ...(id !== undefined ? { id } : {}),
        packageVersion: "7.48.0",
      });
      bus.inputs = {
        ...(bus.inputs as object),
        key: ref(key.urn, String(key.id)),
        owner: ref(platform.urn),
      };
      const read = one(parseDoc(doc).resources, "::eventstack-bus");
      assert.equal(read.inputs.key, key.id);
      assert.equal(read.inputs.owner, platform.urn);
    });

    it("turns assets and archives into the SDK's objects, as a plan has them", async () => {
      const fn = one(readStackState(AWS).resources, "::eventstack-orders-fn");
      const code = fn.inputs.code;
      assert.ok(code instanceof pulumi.asset.AssetArchive);
      const assets = await code.assets;
      const script = assets["index.js"];
      assert.ok(script instanceof pulumi.asset.StringAsset);
      assert.equal(await script.text, "exports.handler=async()=>{};");
    });
  });

  describe("snapshots of interrupted or replacing updates", () => {
    it("warns about pending operations and leaves their resources out", () => {
      const doc = loadExport("aws-prod");
      const fn = resourceOf(doc, "aws:lambda/function:Function", "eventstack-audit-fn");
      doc.deployment.pending_operations = [
        { resource: { ...fn, urn: fn.urn.replace("audit", "billing") }, type: "creating" },
      ];
      const state = parseDoc(doc);
      assert.equal(state.resources.length, AWS_RESOURCES);
      assert.equal(state.warnings.length, 1);
      assert.match(
        state.warnings[0] ?? "",
        /^1 operation\(s\) were still pending .*creating urn:pulumi:prod::eventstack::.*eventstack-billing-fn\).*pulumi refresh/,
      );
    });

    it("audits the live copy of a resource being replaced, not the old one marked for deletion", () => {
      const doc = loadExport("aws-prod");
      const dlq = resourceOf(doc, "aws:sqs/queue:Queue", "eventstack-orders-dlq");
      doc.deployment.resources.push({
        ...dlq,
        id: "https://sqs.eu-west-1.amazonaws.com/123456789012/old",
        delete: true,
      });
      const state = parseDoc(doc);
      assert.equal(state.resources.filter((r) => r.urn === dlq.urn).length, 1);
      assert.equal(one(state.resources, "::eventstack-orders-dlq").id, dlq.id);
      assert.match(state.warnings[0] ?? "", /^1 resource\(s\) marked for deletion/);
    });
  });

  it("accepts the file backend's checkpoint, which holds the same deployment", () => {
    const doc = loadExport("gcp-dev");
    const checkpoint = { version: 3, checkpoint: { stack: "dev", latest: doc.deployment } };
    const state = parseStackState(JSON.stringify(checkpoint), "dev.json");
    assert.equal(state.stack, "dev");
    assert.equal(state.resources.length, doc.deployment.resources.length);
  });

  describe("a malformed or unsupported file, rejected with what is wrong and where", () => {
    const base = (): ExportDoc => loadExport("aws-prod");
    const edit = (f: (doc: ExportDoc) => void): ExportDoc => {
      const doc = base();
      f(doc);
      return doc;
    };
    const resource = (doc: ExportDoc, i: number) =>
      doc.deployment.resources[i] as Record<string, unknown>;
    const cases: { what: string; doc: unknown; problem: RegExp }[] = [
      {
        what: "text that is not JSON",
        doc: "{ version: 3",
        problem: /^stack\.json: not JSON: .*position \d+/,
      },
      {
        what: "a JSON array",
        doc: [],
        problem: /\$: must be an object with "version" and "deployment", got an array/,
      },
      {
        what: "deployment version 0, older than any the engine reads",
        doc: edit((d) => (d.version = 0)),
        problem:
          /^stack\.json: not a usable stack export \(deployment versions 1 to 4\):\n {2}\$\.version: deployment version 0 is not supported; deployment versions 1 to 4 are \(no Pulumi CLI reads deployments this old\)$/,
      },
      {
        what: "a newer deployment version",
        doc: edit((d) => (d.version = 5)),
        problem:
          /\$\.version: deployment version 5 is not supported; deployment versions 1 to 4 are \(this file is newer than this reader\)$/,
      },
      {
        what: "no version (files from before versioned exports)",
        doc: edit((d) => Reflect.deleteProperty(d, "version")),
        problem: /\$\.version: is required \(an integer\): the deployment version, 1 to 4$/,
      },
      {
        what: "a version that is not an integer",
        doc: edit((d) => (d.version = 3.5)),
        problem: /\$\.version: must be an integer, got a number$/,
      },
      {
        what: "version 4 needing a feature the engine does not know",
        doc: edit((d) => {
          d.version = 4;
          d.features = ["views", "teleport"];
        }),
        problem:
          /\$\.features: the deployment needs "teleport", which no Pulumi CLI this reader knows supports; known: refreshBeforeUpdate, views, /,
      },
      {
        what: "a version that is not a number",
        doc: edit((d) => (d.version = "3")),
        problem: /\$\.version: must be a number, got "3"/,
      },
      {
        what: "no deployment",
        doc: { version: 3 },
        problem: /\$\.deployment: is required \(an object\)$/,
      },
      {
        what: "resources that are not a list",
        doc: edit((d) => ((d.deployment as Record<string, unknown>).resources = {})),
        problem: /\$\.deployment\.resources: must be an array, got an object$/,
      },
      {
        what: "dependencies that are not a list",
        doc: edit((d) => (resource(d, 4).dependencies = "urn:pulumi:prod::eventstack::x::y")),
        problem: /\$\.deployment\.resources\[4\]\.dependencies: must be an array, got "urn:/,
      },
      {
        what: "a property dependency that is neither a list nor null",
        doc: edit((d) => (resource(d, 4).propertyDependencies = { kmsKeyIdentifier: 7 })),
        problem:
          /\$\.deployment\.resources\[4\]\.propertyDependencies\.kmsKeyIdentifier: must be an array, got a number$/,
      },
      {
        what: "a malformed URN",
        doc: edit((d) => (resource(d, 4).urn = "eventstack-bus")),
        problem:
          /\$\.deployment\.resources\[4\]\.urn: must be a URN like urn:pulumi:<stack>::<project>::<type>::<name>, got "eventstack-bus"/,
      },
      {
        what: "a URN naming another type",
        doc: edit((d) => (resource(d, 4).type = "aws:sqs/queue:Queue")),
        problem:
          /\$\.deployment\.resources\[4\]\.urn: names type aws:cloudwatch\/eventBus:EventBus, but \$\.deployment\.resources\[4\]\.type is "aws:sqs\/queue:Queue"/,
      },
      {
        what: "a resource of another stack",
        doc: edit(
          (d) =>
            (resource(d, 4).urn = String(resource(d, 4).urn).replace(
              "urn:pulumi:prod::",
              "urn:pulumi:dev::",
            )),
        ),
        problem:
          /\$\.deployment\.resources\[4\]\.urn: belongs to eventstack\/dev, but the root stack is eventstack\/prod/,
      },
      {
        what: "a parent that is not in the export",
        doc: edit(
          (d) =>
            (resource(d, 4).parent = "urn:pulumi:prod::eventstack::eventstack:aws:Platform::gone"),
        ),
        problem:
          /\$\.deployment\.resources\[4\]\.parent: no resource in this export has URN "urn:pulumi:prod::eventstack::eventstack:aws:Platform::gone"/,
      },
      {
        what: "a dependency that is not in the export",
        doc: edit(
          (d) =>
            (resource(d, 4).dependencies = ["urn:pulumi:prod::eventstack::aws:kms/key:Key::gone"]),
        ),
        problem:
          /\$\.deployment\.resources\[4\]\.dependencies\[0\]: no resource in this export has URN/,
      },
      {
        what: "a malformed provider reference",
        doc: edit((d) => (resource(d, 4).provider = "default")),
        problem:
          /\$\.deployment\.resources\[4\]\.provider: must be a provider reference like <provider URN>::<provider id>, got "default"/,
      },
      {
        what: "two live resources with one URN",
        doc: edit((d) => d.deployment.resources.push({ ...(resource(d, 4) as ExportResource) })),
        problem:
          /\$\.deployment\.resources\[\d+\]\.urn: duplicates the URN of \$\.deployment\.resources\[4\]/,
      },
      {
        what: "no root stack resource and resources of two stacks",
        doc: edit((d) => {
          d.deployment.resources = d.deployment.resources
            .slice(1)
            .map((r) => ({ ...r, parent: undefined }));
          resource(d, 4).urn = String(resource(d, 4).urn).replace(
            "urn:pulumi:prod::",
            "urn:pulumi:dev::",
          );
        }),
        problem:
          /\$\.deployment\.resources\[4\]\.urn: belongs to eventstack\/dev, but the root stack is eventstack\/prod/,
      },
      {
        what: "a malformed source position",
        doc: edit((d) => (resource(d, 4).sourcePosition = "components/aws/bus.ts:22")),
        problem:
          /\$\.deployment\.resources\[4\]\.sourcePosition: must look like project:\/\/\/index\.ts#12,5/,
      },
      {
        what: "custom that is not a boolean",
        doc: edit((d) => (resource(d, 4).custom = "true")),
        problem: /\$\.deployment\.resources\[4\]\.custom: must be a boolean, got a string/,
      },
    ];
    for (const c of cases) {
      it(`rejects ${c.what}`, () => {
        assert.match(problemOf(c.doc), c.problem);
      });
    }

    it("lists every problem, not just the first", () => {
      const doc = edit((d) => {
        resource(d, 4).urn = "x";
        resource(d, 5).custom = 1;
      });
      const message = problemOf(doc);
      assert.match(message, /resources\[4\]\.urn/);
      assert.match(message, /resources\[5\]\.custom/);
    });

    it("never echoes a property value, which may be a secret, in a problem", () => {
      const message = problemOf(edit((d) => (resource(d, 6).inputs = "hunter2-password")));
      assert.match(
        message,
        /\$\.deployment\.resources\[6\]\.inputs: must be an object, got a string/,
      );
      assert.ok(!message.includes("hunter2"));
    });

    it("names an unreadable file", () => {
      assert.throws(
        () => readStackState(join(writeTemp("{}"), "..", "missing.json")),
        /missing\.json: cannot read: ENOENT/,
      );
    });
  });
});
