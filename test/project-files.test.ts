import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ALERT_DEFAULTS, CONFIG_KEYS, parseConfig, STRUCTURED_KEYS } from "../components/config";
import { loadStackConfig } from "../policies/offline/stack-file";
import { PROJECT_DIR } from "./support/plan";

interface Declaration {
  type: string;
  description?: string;
  default?: unknown;
  items?: { type: string };
}

const project = parse(readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
  name: string;
  runtime: { name: string; options: Record<string, unknown> };
  config: Record<string, Declaration>;
};

describe("Pulumi project files", () => {
  it("declare a TypeScript Node.js project named eventstack", () => {
    assert.equal(project.name, "eventstack");
    assert.equal(project.runtime.name, "nodejs");
    assert.equal(project.runtime.options.typescript, true);
  });

  it("declare every scalar and list key of the config model, with a description", () => {
    const declared = Object.keys(project.config).sort();
    const expected = CONFIG_KEYS.filter((k) => !STRUCTURED_KEYS.includes(k)).sort();
    assert.deepEqual(declared, expected);
    for (const [key, decl] of Object.entries(project.config)) {
      assert.ok(
        ["string", "integer", "boolean", "array"].includes(decl.type),
        `${key} has a Pulumi type`,
      );
      assert.ok((decl.description ?? "").length > 20, `${key} has a description`);
      if (decl.type === "array") assert.deepEqual(decl.items, { type: "string" });
    }
  });

  it("document the structured keys Pulumi's schema cannot declare", () => {
    const text = readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
    for (const key of STRUCTURED_KEYS)
      assert.match(text, new RegExp(`#\\s+${key}:`), `${key} documented`);
  });

  it("declare the same alert defaults as the config model, and no environment-dependent default", () => {
    const defaults = Object.fromEntries(
      Object.entries(project.config)
        .filter(([, d]) => d.default !== undefined)
        .map(([k, d]) => [k, d.default]),
    );
    assert.deepEqual(defaults, {
      alertErrorRatePercent: ALERT_DEFAULTS.errorRatePercent,
      alertWindowMinutes: ALERT_DEFAULTS.windowMinutes,
      alertMaxProcessingDelaySeconds: ALERT_DEFAULTS.maxProcessingDelaySeconds,
    });
  });

  for (const [stack, cloud, other] of [
    ["dev", "gcp", "aws"],
    ["prod", "aws", "gcp"],
  ] as const) {
    it(`ship a valid ${stack} stack on ${cloud} that switches to ${other} with one line`, () => {
      const { config } = loadStackConfig(PROJECT_DIR, stack);
      assert.equal(parseConfig(config, { stack }).cloud, cloud);
      assert.equal(parseConfig(config, { stack }).environment, stack);
      const switched = { ...config, "eventstack:cloud": other };
      assert.equal(parseConfig(switched, { stack }).cloud, other);
    });
  }
});
