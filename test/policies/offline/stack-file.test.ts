import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  loadStackConfig,
  SECURE_PLACEHOLDER,
  StackFileError,
} from "../../../policies/offline/stack-file";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-stackfile-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const PROJECT = `name: shop
runtime: nodejs
config:
  retries:
    type: integer
    default: 3
  region:
    type: string
`;

describe("stack file loading", () => {
  it("applies project defaults, then stack values, qualifying bare keys with the project name", () => {
    const dir = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": "config:\n  shop:region: eu\n  aws:region: eu-west-1\n",
    });
    const cfg = loadStackConfig(dir, "dev");
    assert.equal(cfg.project, "shop");
    assert.deepEqual(cfg.config, {
      "shop:retries": "3",
      "shop:region": "eu",
      "aws:region": "eu-west-1",
    });
    assert.deepEqual(cfg.secretKeys, []);
  });

  it("passes structured values as JSON text, as the engine does", () => {
    const dir = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml":
        "config:\n  shop:region: eu\n  shop:items:\n    - name: a\n      size: 2\n  shop:on: true\n",
    });
    const cfg = loadStackConfig(dir, "dev");
    assert.equal(cfg.config["shop:items"], '[{"name":"a","size":2}]');
    assert.equal(cfg.config["shop:on"], "true");
  });

  it("replaces secure values, nested ones included, by a placeholder and marks the key secret", () => {
    const dir = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.prod.yaml": [
        "encryptionsalt: v1:abc",
        "config:",
        "  shop:region: eu",
        "  shop:token:",
        "    secure: v1:AAAABBBB",
        "  shop:secretValues:",
        "    api-key:",
        "      secure: v1:CCCCDDDD",
      ].join("\n"),
    });
    const cfg = loadStackConfig(dir, "prod");
    assert.equal(cfg.config["shop:token"], SECURE_PLACEHOLDER);
    assert.equal(
      cfg.config["shop:secretValues"],
      JSON.stringify({ "api-key": SECURE_PLACEHOLDER }),
    );
    assert.deepEqual(cfg.secretKeys.sort(), ["shop:secretValues", "shop:token"]);
    assert.ok(!JSON.stringify(cfg).includes("v1:"), "no ciphertext leaks into the config");
  });

  it("names the known stacks when the stack file is missing", () => {
    const dir = project({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config: {}\n" });
    assert.throws(
      () => loadStackConfig(dir, "qa"),
      (err: unknown) =>
        err instanceof StackFileError &&
        err.message === 'no stack file for --stack "qa"; stacks here: dev',
    );
  });

  it("validates the project's declarations before it looks for the stack file, as the engine does", () => {
    const dir = project({
      "Pulumi.yaml":
        "name: shop\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: big\n",
    });
    assert.throws(
      () => loadStackConfig(dir, "qa"),
      (err: unknown) =>
        err instanceof StackFileError &&
        err.message ===
          `could not unmarshal '${join(dir, "Pulumi.yaml")}': The default value specified for configuration key 'size' is not of the expected type 'integer'`,
    );
  });

  it("refuses stack names that could escape the project directory", () => {
    const dir = project({ "Pulumi.yaml": PROJECT });
    assert.throws(() => loadStackConfig(dir, "../etc"), StackFileError);
  });

  it("reports malformed YAML with file, line and column", () => {
    const dir = project({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  a: [1, 2\n" });
    assert.throws(
      () => loadStackConfig(dir, "dev"),
      (err: unknown) =>
        err instanceof StackFileError &&
        /Pulumi\.dev\.yaml:\d+:\d+: invalid YAML/.test(err.message),
    );
  });

  it("rejects a config section that is not a mapping", () => {
    const dir = project({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  - a\n" });
    assert.throws(() => loadStackConfig(dir, "dev"), /"config" must be a mapping/);
  });
});
