import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import {
  ALERT_DEFAULTS,
  LIMITS,
  CONFIG_KEYS,
  DEFAULTS,
  GCP_DEFAULTS,
  IMAGE_BUILD,
  parseConfig,
  STRUCTURED_KEYS,
} from "../components/config";
import { listStacks, loadStackConfig } from "../policies/offline/stack-file";
import { PROJECT_DIR } from "./support/plan";

interface Declaration {
  type: string;
  description?: string;
  default?: unknown;
  value?: unknown;
  items?: { type: string };
}

interface ProjectFile {
  name: string;
  runtime: { name: string; options: Record<string, unknown> };
  config: Record<string, Declaration>;
}

const PROJECT_TEXT = readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
const project = parse(PROJECT_TEXT) as ProjectFile;
const SHIPPED_STACKS = listStacks(PROJECT_DIR);
/** The project file as it was when `preview` refused both shipped stacks. */
const OPTIONAL_WITHOUT_DEFAULT = readFileSync(
  join(PROJECT_DIR, "test/fixtures/project-files/optional-keys-without-default.Pulumi.yaml"),
  "utf8",
);

/** Keys each shipped stack file sets, without the project namespace. */
function keysSetBy(stack: string): string[] {
  const doc = parse(readFileSync(join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as {
    config?: Record<string, unknown>;
  };
  return Object.keys(doc.config ?? {}).map((k) => k.replace(/^eventstack:/, ""));
}

/**
 * Everything that keeps `projectText` and the shipped stack files from working together: the
 * engine's rules for each stack (as `check` applies them), then the config model, then the house
 * rule that a key declared without a default is one every stack sets and the description calls
 * required.
 */
function disagreements(projectText: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-project-files-"));
  writeFileSync(join(dir, "Pulumi.yaml"), projectText);
  for (const stack of SHIPPED_STACKS) {
    copyFileSync(join(PROJECT_DIR, `Pulumi.${stack}.yaml`), join(dir, `Pulumi.${stack}.yaml`));
  }
  const found: string[] = [];
  for (const stack of SHIPPED_STACKS) {
    try {
      parseConfig(loadStackConfig(dir, stack).config, { stack });
    } catch (err) {
      found.push(`${stack}: ${(err as Error).message}`);
    }
  }
  const { config } = parse(projectText) as ProjectFile;
  for (const [key, decl] of Object.entries(config)) {
    if (decl.default !== undefined || decl.value !== undefined) continue;
    const unset = SHIPPED_STACKS.filter((s) => !keysSetBy(s).includes(key));
    if (unset.length > 0) found.push(`${key}: no default and not set by ${unset.join(", ")}`);
    if (!/\bRequired\b/.test(decl.description ?? "")) {
      found.push(`${key}: no default but not described as required`);
    }
  }
  return found;
}

describe("Pulumi project files", () => {
  it("declare a TypeScript Node.js project named eventstack", () => {
    assert.equal(project.name, "eventstack");
    assert.equal(project.runtime.name, "nodejs");
    // TypeScript is loaded by the project's loader through nodeargs (as npm run check and the
    // tests load it), not by the language host's type-checking ts-node; the loader's esbuild must
    // then be a runtime dependency, and the path (relative to the project directory, where the
    // language host runs node) must name the loader.
    assert.equal(project.runtime.options.typescript, false);
    assert.equal(project.runtime.options.nodeargs, "--require ./policies/offline/ts-loader.js");
    assert.ok(existsSync(join(PROJECT_DIR, "policies/offline/ts-loader.js")));
    const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    assert.match(
      pkg.dependencies.esbuild ?? "",
      /^\d+\.\d+\.\d+$/,
      "esbuild is a pinned dependency",
    );
    assert.equal(pkg.devDependencies.esbuild, undefined, "esbuild is listed once");
    for (const [name, script] of Object.entries(pkg.scripts)) {
      if (/\bnode\b.*\.ts\b/.test(script))
        assert.match(
          script,
          /^node --require \.\/policies\/offline\/ts-loader\.js /,
          `npm run ${name} loads TypeScript as pulumi up does`,
        );
    }
  });

  it("ship the dev and prod stacks", () => {
    assert.deepEqual(SHIPPED_STACKS, ["dev", "prod"]);
  });

  it("agree with every shipped stack under the engine's config rules", () => {
    assert.deepEqual(disagreements(PROJECT_TEXT), []);
  });

  it("would catch optional keys declared without a default, as Pulumi.yaml once had them", () => {
    const optional = "'customerManagedKeys', 'eventRetentionDays', 'image', 'logRetentionDays'";
    assert.deepEqual(disagreements(OPTIONAL_WITHOUT_DEFAULT), [
      `dev: Stack 'dev' is missing configuration values ${optional} and 'privateNetworking'`,
      `prod: Stack 'prod' is missing configuration values ${optional.replace(", 'logRetentionDays'", " and 'logRetentionDays'")}`,
      "customerManagedKeys: no default and not set by dev, prod",
      "customerManagedKeys: no default but not described as required",
      "privateNetworking: no default and not set by dev",
      "privateNetworking: no default but not described as required",
      "secrets: no default but not described as required",
      "image: no default and not set by dev, prod",
      "image: no default but not described as required",
      "eventRetentionDays: no default and not set by dev, prod",
      "eventRetentionDays: no default but not described as required",
      "logRetentionDays: no default and not set by dev, prod",
      "logRetentionDays: no default but not described as required",
    ]);
  });

  it("declare or document every key of the config model, each declaration typed and described", () => {
    for (const key of CONFIG_KEYS) {
      const documented = new RegExp(`^\\s*#\\s+${key}:`, "m").test(PROJECT_TEXT);
      assert.ok(key in project.config || documented, `${key} declared or documented`);
      assert.ok(!(key in project.config && documented), `${key} both declared and documented`);
    }
    for (const key of STRUCTURED_KEYS) assert.ok(!(key in project.config), `${key} not declared`);
    for (const [key, decl] of Object.entries(project.config)) {
      assert.ok(
        CONFIG_KEYS.some((k) => k === key),
        `${key} is a config-model key`,
      );
      assert.ok(
        ["string", "integer", "boolean", "array"].includes(decl.type),
        `${key} has a Pulumi type`,
      );
      assert.ok((decl.description ?? "").length > 20, `${key} has a description`);
      if (decl.type === "array") assert.deepEqual(decl.items, { type: "string" });
    }
  });

  it("declare only defaults the config model has in every environment, and leave the others undeclared", () => {
    const defaults = Object.fromEntries(
      Object.entries(project.config)
        .filter(([, d]) => d.default !== undefined)
        .map(([k, d]) => [k, d.default]),
    );
    assert.deepEqual(defaults, {
      alertErrorRatePercent: ALERT_DEFAULTS.errorRatePercent,
      alertWindowMinutes: ALERT_DEFAULTS.windowMinutes,
      alertMaxProcessingDelaySeconds: ALERT_DEFAULTS.maxProcessingDelaySeconds,
      privateNetworking: DEFAULTS.dev.privateNetworking,
      secrets: [],
      image: IMAGE_BUILD,
      lambdaConcurrencyLimit: LIMITS.defaultLambdaConcurrencyLimit,
      authMode: GCP_DEFAULTS.authMode,
      flowLogSamplingPercent: GCP_DEFAULTS.flowLogSamplingPercent,
      vpcEgressRange: GCP_DEFAULTS.vpcEgressRange,
    });
    assert.equal(DEFAULTS.prod.privateNetworking, DEFAULTS.dev.privateNetworking);
    const envDependent = (Object.keys(DEFAULTS.dev) as (keyof typeof DEFAULTS.dev)[]).filter(
      (k) => DEFAULTS.dev[k] !== DEFAULTS.prod[k] && (CONFIG_KEYS as readonly string[]).includes(k),
    );
    assert.deepEqual(envDependent.sort(), [
      "customerManagedKeys",
      "eventRetentionDays",
      "logRetentionDays",
    ]);
    for (const key of envDependent) {
      assert.ok(!(key in project.config), `${key} is not declared`);
      const dev = String(DEFAULTS.dev[key]);
      const prod = String(DEFAULTS.prod[key]);
      assert.match(
        PROJECT_TEXT,
        new RegExp(`#\\s+${key}:[^]*?Default ${dev} in dev, ${prod} in prod\\.`),
        `${key}'s comment states the model's defaults`,
      );
    }
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
