import assert from "node:assert/strict";
import { buildReport, summarizePolicies } from "../../../policies/offline/report-model";
import { renderJson, toJsonReport } from "../../../policies/offline/report-json";
import { renderText, summaryLine } from "../../../policies/offline/report-text";
import { awsAuditReport, CATALOG, gcpCleanReport } from "./report-cases";

describe("text report", () => {
  const text = renderText(awsAuditReport(), { stateFile: "stack.json" });
  const lines = text.split("\n");

  it("groups open findings by severity, critical first, naming policy, level, resource and message", () => {
    const headers = lines.filter((l) => /^ {2}[A-Z]+ \(\d+\)$/.test(l));
    assert.deepEqual(headers, ["  CRITICAL (1)", "  HIGH (2)", "  MEDIUM (1)", "  LOW (1)"]);
    const critical = lines.indexOf("  CRITICAL (1)");
    assert.deepEqual(lines.slice(critical + 1, critical + 5), [
      "    [mandatory] aws-lambda-permission-disallow-public-principal",
      "      resource: urn:pulumi:prod::eventstack::eventstack:aws:Platform$aws:lambda/permission:Permission::eventstack-orders-invoke  (components/aws/delivery.ts:52:5)",
      '      principal must name a service or account, got "*".',
      "      Anyone could invoke the function.",
    ]);
  });

  it("orders findings within a severity by policy name", () => {
    const high = lines.indexOf("  HIGH (2)");
    assert.match(lines[high + 1] ?? "", /aws-cloudwatch-eventtarget-missing-dead-letter-queue$/);
    assert.match(lines[high + 4] ?? "", /aws-sqs-queue-enable-encryption$/);
  });

  it("lists exemptions apart, with severity, level and reason", () => {
    const at = lines.indexOf("Exempted (1):");
    assert.ok(at > lines.indexOf("  LOW (1)"));
    assert.equal(lines[at + 1], "  [high, mandatory] aws-lambda-permission-missing-source-arn");
    assert.equal(
      lines[at + 4],
      "    exempted: The audit function is invoked by one rule on a private bus; scoping it is tracked in PLAT-118.",
    );
    assert.equal(
      lines.filter((l) => l.includes("aws-lambda-permission-missing-source-arn")).length,
      1,
    );
  });

  it("ends with a one-line summary: verdict, counts, resources and policies", () => {
    assert.equal(lines.at(-1), "");
    assert.equal(
      lines.at(-2),
      "FAIL: 1 deployability finding, 3 mandatory and 2 advisory violations, 1 exempted; 33 resources (31 cloud resources, 2 components), 6 policies",
    );
    assert.match(
      summaryLine(gcpCleanReport()),
      /^PASS: 0 mandatory and 0 advisory violations, 0 exempted; /,
    );
  });

  it("fails a stack whose only finding is a deployability one, and lists it before the policies", () => {
    const clean = gcpCleanReport();
    const urn = clean.resources[1]?.urn ?? "";
    const report = buildReport(clean.stack, clean.cloud, [], [], CATALOG, [
      {
        rule: "deployability-resource-limits",
        urn,
        message: "name must be 1-64 characters, got 65",
      },
    ]);
    assert.match(summaryLine(report), /^FAIL: 1 deployability finding, 0 mandatory /);
    const text = renderText(report).split("\n");
    const at = text.indexOf("Not deployable (1): the cloud or the engine would refuse these.");
    assert.ok(at > 0 && at < text.indexOf("No violations."), "before the policies' findings");
    assert.deepEqual(text.slice(at, at + 4), [
      "Not deployable (1): the cloud or the engine would refuse these.",
      "  [deployability] deployability-resource-limits",
      `    resource: ${urn}`,
      "    name must be 1-64 characters, got 65",
    ]);
    assert.deepEqual(toJsonReport(report).deployability, report.deployability);
    assert.equal(report.summary.deployability.findings, 1);
    assert.equal(report.summary.deployability.rules["deployability-resource-limits"], 1);
    assert.equal(report.summary.deployability.rules["deployability-label-limits"], 0);
  });

  it("passes a stack with advisory findings only", () => {
    const report = awsAuditReport();
    const advisoryOnly = buildReport(
      report.stack,
      report.cloud,
      [],
      report.violations.filter((v) => v.enforcementLevel === "advisory"),
      CATALOG,
    );
    assert.match(summaryLine(advisoryOnly), /^PASS: 0 mandatory and 2 advisory violations/);
  });

  it("names the export of an audit and leaves out the tree; a plan shows its tree", () => {
    assert.equal(lines[0], "Stack prod (aws): 33 resources audited from stack.json");
    assert.ok(!text.includes("└─"));
    const plan = renderText(gcpCleanReport()).split("\n");
    assert.equal(plan[0], "Stack dev (gcp): 31 resources planned");
    assert.equal(plan[2], "pulumi:pulumi:Stack  eventstack-dev");
    assert.ok(plan.includes("No violations."));
  });

  it("never prints a secret value", () => {
    assert.ok(!renderText(gcpCleanReport(), { tree: true }).includes("s3cr3t"));
  });
});

describe("JSON report", () => {
  const report = awsAuditReport();
  const doc = JSON.parse(renderJson(report)) as Record<string, unknown>;

  it("is the document { stack, cloud, resources, packaged, violations, deployability, summary } and nothing else", () => {
    assert.deepEqual(Object.keys(doc), [
      "stack",
      "cloud",
      "resources",
      "packaged",
      "violations",
      "deployability",
      "summary",
    ]);
    const resources = doc.resources as Record<string, unknown>[];
    assert.deepEqual(Object.keys(resources[0] ?? {}), [
      "urn",
      "type",
      "name",
      "parent",
      "inputs",
      "options",
    ]);
    assert.equal(resources.length, report.resources.length);
    assert.deepEqual(doc.violations, JSON.parse(JSON.stringify(report.violations)));
  });

  it("counts findings per policy, every policy of the catalog included", () => {
    const summary = doc.summary as { policies: Record<string, unknown> };
    assert.deepEqual(Object.keys(summary.policies), CATALOG.map((p) => p.name).sort());
    assert.deepEqual(summary.policies["aws-lambda-permission-missing-source-arn"], {
      pack: "eventstack-policies",
      severity: "high",
      enforcementLevel: "mandatory",
      violations: 0,
      exempted: 1,
    });
  });

  it("counts a policy missing from the catalog from its findings", () => {
    const [first] = report.violations;
    assert.ok(first);
    const counts = summarizePolicies([first, { ...first, urn: "urn:pulumi:x::y::t::n" }], []);
    assert.deepEqual(counts, {
      [first.policy]: {
        pack: first.pack,
        severity: first.severity,
        enforcementLevel: first.enforcementLevel,
        violations: 2,
        exempted: 0,
      },
    });
  });

  it("shows secrets only as the placeholder", () => {
    const text = renderJson(gcpCleanReport());
    assert.ok(!text.includes("s3cr3t-orders-api-key-value"));
    assert.ok(text.includes('"secretData": "[secret]"'));
    assert.equal(toJsonReport(gcpCleanReport()).violations.length, 0);
  });
});
