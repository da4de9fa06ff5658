import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as engine from "../../../policies/offline/evaluate";
import { sarifOptionsFor } from "../../../policies/offline/report-output";
import {
  buildReport,
  type CheckReport,
  type PolicyMeta,
  type Violation,
} from "../../../policies/offline/report-model";
import { sarifLevel, toSarif, type SarifOptions } from "../../../policies/offline/report-sarif";
import { auditState } from "../../../policies/offline/state-audit";
import { readStackState } from "../../../policies/offline/state-read";
import { EXPORTS_DIR } from "./state-fixtures";
import { sarifSchemaErrors } from "./sarif-schema";

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn?: number };
    };
    logicalLocations: { fullyQualifiedName: string; name?: string; kind: string }[];
  }[];
  suppressions?: { kind: string; status?: string; justification: string }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string; enabled: boolean };
  properties: { tags: string[]; severity: string; "security-severity": string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    results: SarifResult[];
    properties: Record<string, unknown>;
  }[];
}

const OPTIONS: SarifOptions = {
  toolName: "eventstack-policy-check",
  toolVersion: "0.1.0",
  informationUri: "https://github.com/acme/eventstack",
  projectPath: "",
  fallbackFile: "Pulumi.prod.yaml",
  source: "state",
};

const sarifOf = (report: CheckReport, opts: SarifOptions = OPTIONS) =>
  toSarif(report, opts) as unknown as SarifLog;
const run0 = (log: SarifLog) => log.runs[0] as SarifLog["runs"][number];

async function audit(name: string, policyConfigFile?: string): Promise<CheckReport> {
  const result = await auditState(
    {
      stateFile: join(EXPORTS_DIR, `${name}.json`),
      ...(policyConfigFile ? { policyConfigFile: join(EXPORTS_DIR, policyConfigFile) } : {}),
    },
    engine,
  );
  return result.report;
}

describe("SARIF report", function () {
  this.timeout(60_000);
  let aws: CheckReport;
  let gcp: CheckReport;
  before(async () => {
    aws = await audit("aws-prod-noncompliant", "prod-exemptions.json");
    gcp = await audit("gcp-dev-noncompliant");
  });

  it("maps enforcement level and severity to the SARIF level", () => {
    const table: [Parameters<typeof sarifLevel>[0], Parameters<typeof sarifLevel>[1], string][] = [
      ["mandatory", "critical", "error"],
      ["mandatory", "high", "error"],
      ["mandatory", "medium", "error"],
      ["mandatory", "low", "warning"],
      ["advisory", "critical", "warning"],
      ["advisory", "high", "warning"],
      ["advisory", "medium", "warning"],
      ["advisory", "low", "note"],
      ["disabled", "critical", "none"],
      ["disabled", "low", "none"],
    ];
    for (const [enforcement, severity, level] of table) {
      assert.equal(sarifLevel(enforcement, severity), level, `${enforcement} ${severity}`);
    }
  });

  for (const which of ["aws", "gcp"] as const) {
    it(`is valid SARIF 2.1.0 for the non-compliant ${which} audit`, () => {
      const report = which === "aws" ? aws : gcp;
      assert.ok(report.violations.length >= 4, "the fixture has findings");
      assert.deepEqual(sarifSchemaErrors(toSarif(report, OPTIONS)), []);
    });
  }

  it("would be rejected by the schema if it were malformed (the validator bites)", () => {
    const log = sarifOf(aws);
    const broken = { ...log, runs: [{ ...run0(log), results: [{ ruleId: 1 }] }] };
    assert.notDeepEqual(sarifSchemaErrors(broken), []);
    assert.notDeepEqual(sarifSchemaErrors({ version: "2.0.0", runs: [] }), []);
  });

  it("names the tool with its version and information URI", () => {
    const driver = run0(sarifOf(aws)).tool.driver;
    assert.equal(driver.name, "eventstack-policy-check");
    assert.equal(driver.version, "0.1.0");
    assert.equal(driver.informationUri, "https://github.com/acme/eventstack");
  });

  it("has one rule per policy of the catalog, with description, help and remediation", () => {
    const catalog = engine.policyCatalog(engine.policyConfigForStack("prod"));
    const rules = run0(sarifOf(aws)).tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.id),
      catalog.map((p) => p.name).sort((a, b) => a.localeCompare(b)),
    );
    for (const policy of catalog) {
      const rule = rules.find((r) => r.id === policy.name) as SarifRule;
      assert.equal(rule.shortDescription.text, policy.description);
      assert.ok(rule.help.text.includes(policy.remediationSteps), `${policy.name} help.text`);
      assert.ok(rule.help.markdown.includes(`### Remediation\n\n${policy.remediationSteps}`));
      assert.deepEqual(rule.properties.tags, policy.tags);
      assert.equal(rule.properties.severity, policy.severity);
      assert.equal(
        rule.defaultConfiguration.level,
        sarifLevel(policy.enforcementLevel, policy.severity),
      );
      if (policy.checkovId) assert.ok(rule.help.text.includes(`Checkov ${policy.checkovId}`));
    }
  });

  it("has one result per finding, on its rule, with the level of its enforcement and severity", () => {
    const log = sarifOf(gcp);
    const { results, tool } = run0(log);
    assert.equal(results.length, gcp.violations.length);
    gcp.violations.forEach((v, i) => {
      const result = results[i] as SarifResult;
      assert.equal(result.ruleId, v.policy);
      assert.equal(tool.driver.rules[result.ruleIndex]?.id, v.policy);
      assert.equal(result.level, sarifLevel(v.enforcementLevel, v.severity));
      assert.equal(result.message.text, `${v.message}\nResource: ${v.urn}`);
    });
  });

  it("gives each result the URN as logical location and the registering line as physical location", () => {
    const { results } = run0(sarifOf(gcp));
    const oidc = results.find((r) => r.ruleId === "gcp-pubsub-subscription-missing-oidc-token");
    assert.ok(oidc);
    const [location] = oidc.locations;
    assert.deepEqual(location?.logicalLocations, [
      {
        fullyQualifiedName:
          "urn:pulumi:dev::eventstack::eventstack:gcp:Platform$gcp:pubsub/subscription:Subscription::eventstack-orders-push",
        name: "eventstack-orders-push",
        kind: "resource",
      },
    ]);
    assert.deepEqual(location?.physicalLocation, {
      artifactLocation: { uri: "components/gcp/delivery.ts" },
      region: { startLine: 55, startColumn: 17 },
    });
  });

  it("gives every result a physical location, as code scanning requires", () => {
    for (const report of [aws, gcp]) {
      for (const result of run0(sarifOf(report)).results) {
        const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? "";
        assert.match(uri, /^[\w.-]+(\/[\w.-]+)*$/, `relative path for ${result.ruleId}`);
        assert.ok(!uri.includes("node_modules"));
      }
    }
  });

  it("marks exempted findings as externally suppressed, with the reason", () => {
    const results = run0(sarifOf(aws)).results;
    const exempted = results.filter((r) => r.suppressions !== undefined);
    assert.equal(exempted.length, 1);
    assert.equal(exempted[0]?.ruleId, "aws-lambda-permission-missing-source-arn");
    assert.deepEqual(exempted[0]?.suppressions, [
      {
        kind: "external",
        status: "accepted",
        justification:
          "The audit function is invoked by one rule on a private bus; scoping it is tracked in PLAT-118.",
      },
    ]);
  });

  it("fingerprints a finding by policy and resource, so it stays one alert across runs", () => {
    const a = run0(sarifOf(aws)).results;
    const b = run0(sarifOf(aws, { ...OPTIONS, toolVersion: "9.9.9" })).results;
    assert.deepEqual(
      a.map((r) => r.partialFingerprints),
      b.map((r) => r.partialFingerprints),
    );
    const prints = a.map((r) => r.partialFingerprints["eventstackFinding/v1"]);
    assert.equal(new Set(prints).size, prints.length);
  });

  it("puts deployability in a run of its own: every rule, each finding an error on its resource", () => {
    const log = sarifOf(gcp);
    assert.equal(log.runs.length, 2);
    const run = log.runs[1];
    assert.equal(run?.tool.driver.name, "eventstack-policy-check-deployability");
    assert.deepEqual(
      run?.tool.driver.rules.map((r) => r.id),
      [
        "deployability-physical-name-collision",
        "deployability-resource-limits",
        "deployability-label-limits",
        "deployability-lambda-concurrency-quota",
        "deployability-unresolvable-secret-reference",
      ],
    );
    assert.equal(run?.results.length, 1);
    const [result] = run?.results ?? [];
    assert.equal(result?.ruleId, "deployability-unresolvable-secret-reference");
    assert.equal(result?.level, "error");
    assert.equal(
      result?.locations[0]?.logicalLocations[0]?.fullyQualifiedName,
      gcp.deployability[0]?.urn,
    );
    assert.deepEqual(sarifSchemaErrors(log), []);
    // The policies' run is unchanged by it.
    assert.ok(run0(log).results.every((r) => !r.ruleId.startsWith("deployability-")));
  });

  it("never carries a secret value", () => {
    const text = JSON.stringify(toSarif(gcp, OPTIONS));
    assert.ok(!text.includes("s3cr3t-orders-api-key-value"));
  });

  describe("where the program position is not the resource's own", () => {
    const state = readStackState(join(EXPORTS_DIR, "aws-prod.json"));
    const catalog: PolicyMeta[] = [
      {
        pack: "eventstack-policies",
        name: "aws-example-missing-thing",
        description: "Example resources must have the thing.",
        severity: "medium",
        enforcementLevel: "advisory",
        remediationSteps: "Add the thing.",
        tags: ["example"],
      },
    ];
    const finding = (urn: string, policy = "aws-example-missing-thing"): Violation => ({
      pack: "eventstack-policies",
      policy,
      enforcementLevel: "advisory",
      severity: "medium",
      urn,
      message: "the thing must be set, got none.",
    });
    const target = state.resources.find((r) => r.name === "eventstack-orders-target");
    const root = state.resources[0];
    assert.ok(target && root);
    const withoutOwnPosition = state.resources.map((r) =>
      r === target ? { ...r, sourcePosition: undefined } : r,
    );
    const report = buildReport(
      "prod",
      "aws",
      withoutOwnPosition,
      [finding(target.urn), finding(root.urn), finding(target.urn, "aws-unknown-policy")],
      catalog,
    );
    const { results, tool } = run0(sarifOf(report));

    it("points at the nearest ancestor's position", () => {
      assert.deepEqual(results[0]?.locations[0]?.physicalLocation, {
        artifactLocation: { uri: "index.ts" },
        region: { startLine: 14, startColumn: 9 },
      });
    });

    it("points stack-level findings at the stack's config file", () => {
      assert.deepEqual(results[1]?.locations[0]?.physicalLocation, {
        artifactLocation: { uri: "Pulumi.prod.yaml" },
        region: { startLine: 1 },
      });
    });

    it("describes a policy missing from the catalog from its findings", () => {
      assert.deepEqual(
        tool.driver.rules.map((r) => r.id),
        ["aws-example-missing-thing", "aws-unknown-policy"],
      );
      assert.equal(results[2]?.ruleIndex, 1);
      assert.deepEqual(sarifSchemaErrors(toSarif(report, OPTIONS)), []);
    });
  });

  describe("paths in a checkout", () => {
    it("are relative to the repository root when the project lives in a subdirectory", () => {
      const repo = mkdtempSync(join(tmpdir(), "eventstack-repo-"));
      mkdirSync(join(repo, ".git"));
      mkdirSync(join(repo, "infra"));
      writeFileSync(join(repo, "infra", "Pulumi.prod.yaml"), "config: {}\n");
      const opts = sarifOptionsFor(join(repo, "infra"), "prod", "state", {});
      assert.equal(opts.projectPath, "infra");
      assert.equal(opts.fallbackFile, "Pulumi.prod.yaml");
      const uris = run0(sarifOf(gcp, opts)).results.map(
        (r) => r.locations[0]?.physicalLocation.artifactLocation.uri,
      );
      assert.ok(
        uris.every((u) => u?.startsWith("infra/")),
        String(uris),
      );
    });

    it("name the repository as the tool's page on GitHub Actions", () => {
      const env = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/eventstack" };
      const opts = sarifOptionsFor(process.cwd(), "dev", "plan", env);
      assert.equal(opts.informationUri, "https://github.com/acme/eventstack");
      assert.match(opts.toolVersion, /^\d+\.\d+\.\d+$/);
    });
  });
});
