import assert from "node:assert/strict";
import * as engine from "../../../policies/offline/evaluate";
import type { Violation } from "../../../policies/offline/report-model";
import { auditState, type AuditResult } from "../../../policies/offline/state-audit";
import {
  loadExport,
  resourceOf,
  withoutDependencyEdges,
  writeTemp,
  type ExportDoc,
} from "./state-fixtures";

async function audit(doc: ExportDoc, policyConfigFile?: string): Promise<AuditResult> {
  return auditState(
    { stateFile: writeTemp(doc), ...(policyConfigFile ? { policyConfigFile } : {}) },
    engine,
  );
}

/** Findings as `policy @ resource name`, sorted, for exact comparison. */
function findings(result: AuditResult): string[] {
  return result.report.violations
    .map((v: Violation) => `${v.policy} @ ${v.urn.split("::").pop() ?? ""}`)
    .sort();
}

/** Both properties of a resource (inputs and outputs), edited alike. */
function editProps(
  doc: ExportDoc,
  type: string,
  name: string,
  edit: (props: Record<string, unknown>) => void,
): void {
  const r = resourceOf(doc, type, name);
  for (const key of ["inputs", "outputs"] as const) edit(r[key] as Record<string, unknown>);
}

function drop(doc: ExportDoc, type: string, name: string): void {
  const r = resourceOf(doc, type, name);
  doc.deployment.resources = doc.deployment.resources.filter((x) => x !== r);
}

describe("state audit", function () {
  this.timeout(60_000);

  describe("AWS, prod stack", () => {
    const baseline = () => loadExport("aws-prod");

    it("Compliance 1: the deployed prod stack passes every policy", async () => {
      const result = await audit(baseline());
      assert.deepEqual(findings(result), []);
      assert.equal(result.report.stack, "prod");
      assert.equal(result.report.cloud, "aws");
      assert.equal(result.project, "eventstack");
      assert.equal(result.report.summary.resources, baseline().deployment.resources.length);
    });

    it("Compliance 2: it still passes with every dependency edge removed (relationships by value)", async () => {
      assert.deepEqual(findings(await audit(withoutDependencyEdges(baseline()))), []);
    });

    it("Noncompliance 1: an EventBridge target without a dead-letter queue", async () => {
      const doc = withoutDependencyEdges(baseline());
      editProps(doc, "aws:cloudwatch/eventTarget:EventTarget", "eventstack-orders-target", (p) => {
        delete p.deadLetterConfig;
      });
      assert.deepEqual(findings(await audit(doc)), [
        "aws-cloudwatch-eventtarget-missing-dead-letter-queue @ eventstack-orders-target",
      ]);
    });

    it("Noncompliance 2: a function whose only error alarm watches another function, found by name alone", async () => {
      const doc = withoutDependencyEdges(baseline());
      const other = String(
        resourceOf(doc, "aws:lambda/function:Function", "eventstack-orders-fn").id,
      );
      editProps(
        doc,
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "eventstack-audit-error-rate",
        (p) => {
          p.dimensions = { FunctionName: other };
        },
      );
      assert.deepEqual(findings(await audit(doc)), [
        "aws-lambda-function-missing-error-alarm @ eventstack-audit-fn",
      ]);
    });

    it("Noncompliance 3: a function with no failure destination once its async config is gone", async () => {
      const doc = withoutDependencyEdges(baseline());
      drop(
        doc,
        "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
        "eventstack-orders-async",
      );
      assert.deepEqual(findings(await audit(doc)), [
        "aws-lambda-function-missing-failure-destination @ eventstack-orders-fn",
      ]);
    });

    it("Noncompliance 4: an unencrypted dead-letter queue, mandatory under the prod policy config", async () => {
      const doc = baseline();
      editProps(doc, "aws:sqs/queue:Queue", "eventstack-audit-dlq", (p) => {
        delete p.kmsMasterKeyId;
      });
      const result = await audit(doc);
      assert.deepEqual(findings(result), [
        "aws-sqs-queue-configure-customer-managed-key @ eventstack-audit-dlq",
        "aws-sqs-queue-enable-encryption @ eventstack-audit-dlq",
      ]);
      assert.ok(result.report.violations.every((v) => v.enforcementLevel === "mandatory"));
    });
    it("Noncompliance 5: a dead-letter queue known only by the ARN string in a target, with no alarm", async () => {
      const doc = withoutDependencyEdges(baseline());
      drop(doc, "aws:cloudwatch/metricAlarm:MetricAlarm", "eventstack-orders-dlq-alarm");
      // Reported on the queue itself: the target's deadLetterConfig.arn was resolved to it by value.
      assert.deepEqual(findings(await audit(doc)), [
        "aws-sqs-queue-missing-dead-letter-alarm @ eventstack-orders-dlq",
      ]);
    });
  });

  describe("GCP, dev stack", () => {
    const baseline = () => loadExport("gcp-dev");

    it("Compliance 1: the deployed dev stack passes every policy", async () => {
      const result = await audit(baseline());
      assert.deepEqual(findings(result), []);
      assert.equal(result.report.stack, "dev");
      assert.equal(result.report.cloud, "gcp");
    });

    it("Compliance 2: it still passes with every dependency edge removed (relationships by value)", async () => {
      assert.deepEqual(findings(await audit(withoutDependencyEdges(baseline()))), []);
    });

    it("Noncompliance 1: a push subscription without an OIDC token", async () => {
      const doc = withoutDependencyEdges(baseline());
      editProps(doc, "gcp:pubsub/subscription:Subscription", "eventstack-orders-push", (p) => {
        delete (p.pushConfig as Record<string, unknown>).oidcToken;
      });
      assert.deepEqual(findings(await audit(doc)), [
        "gcp-pubsub-subscription-missing-oidc-token @ eventstack-orders-push",
      ]);
    });

    it("Noncompliance 2: a dead-letter topic the Pub/Sub agent may not publish to, found by topic id alone", async () => {
      const doc = withoutDependencyEdges(baseline());
      const other = String(resourceOf(doc, "gcp:pubsub/topic:Topic", "eventstack-orders-dlq").id);
      editProps(
        doc,
        "gcp:pubsub/topicIAMMember:TopicIAMMember",
        "eventstack-audit-dlq-publisher",
        (p) => {
          p.topic = other;
        },
      );
      assert.deepEqual(findings(await audit(doc)), [
        "gcp-pubsub-subscription-missing-dead-letter-grants @ eventstack-audit-push",
      ]);
    });

    it("Noncompliance 3: a Cloud Run service no alert policy names", async () => {
      const doc = withoutDependencyEdges(baseline());
      drop(doc, "gcp:monitoring/alertPolicy:AlertPolicy", "eventstack-audit-error-rate");
      assert.deepEqual(findings(await audit(doc)), [
        "gcp-cloudrun-service-missing-error-alert @ eventstack-audit",
      ]);
    });

    it("Noncompliance 4: a service anyone on the internet may invoke", async () => {
      const doc = baseline();
      editProps(
        doc,
        "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
        "eventstack-audit-invoker",
        (p) => {
          p.member = "allUsers";
        },
      );
      const result = await audit(doc);
      assert.deepEqual(findings(result), [
        "gcp-iam-member-disallow-public-access @ eventstack-audit-invoker",
      ]);
      assert.equal(result.report.violations[0]?.severity, "critical");
    });
  });

  it("audits any program's export: another project's Kubernetes stack, none of the packs' types", async () => {
    const urn = (type: string, name: string) => `urn:pulumi:staging::shop::${type}::${name}`;
    const root = urn("pulumi:pulumi:Stack", "shop-staging");
    const provider = urn("pulumi:providers:kubernetes", "default_4_23_0");
    const doc: ExportDoc = {
      version: 3,
      deployment: {
        manifest: { time: "2026-01-10T10:00:00Z", magic: "x", version: "v3.190.0" },
        resources: [
          {
            urn: root,
            custom: false,
            type: "pulumi:pulumi:Stack",
            outputs: { url: "https://shop.example.com" },
          },
          {
            urn: provider,
            custom: true,
            id: "b0e7c6a4-1f2d-4e3a-9c8b-7a6d5e4f3c2b",
            type: "pulumi:providers:kubernetes",
            inputs: {},
            outputs: {},
          },
          {
            urn: urn("kubernetes:apps/v1:Deployment", "web"),
            custom: true,
            id: "shop/web",
            type: "kubernetes:apps/v1:Deployment",
            parent: root,
            provider: `${provider}::b0e7c6a4-1f2d-4e3a-9c8b-7a6d5e4f3c2b`,
            inputs: { metadata: { namespace: "shop" }, spec: { replicas: 2 } },
            outputs: { metadata: { namespace: "shop", name: "web" }, spec: { replicas: 2 } },
          },
        ],
      },
    };
    const result = await audit(doc);
    assert.deepEqual(findings(result), []);
    assert.equal(result.report.stack, "staging");
    assert.equal(result.project, "shop");
    assert.equal(result.report.cloud, null);
    assert.equal(result.report.summary.resources, 3);
  });

  it("reports an exempted finding with its reason, and it does not count as a violation", async () => {
    const result = await audit(
      loadExport("aws-prod-noncompliant"),
      `${__dirname}/../../fixtures/stack-exports/prod-exemptions.json`,
    );
    const exempted = result.report.violations.filter((v) => v.exemption !== undefined);
    assert.equal(exempted.length, 1);
    assert.equal(exempted[0]?.policy, "aws-lambda-permission-missing-source-arn");
    assert.match(exempted[0]?.exemption?.reason ?? "", /PLAT-118/);
    assert.equal(result.report.summary.violations.exempted, 1);
    assert.equal(
      result.report.summary.policies["aws-lambda-permission-missing-source-arn"]?.violations,
      0,
    );
  });

  it("counts findings per policy, listing every policy of the catalog", async () => {
    const result = await audit(loadExport("gcp-dev-noncompliant"));
    const policies = result.report.summary.policies;
    assert.deepEqual(
      Object.keys(policies),
      engine
        .policyCatalog()
        .map((p) => p.name)
        .sort(),
    );
    assert.deepEqual(policies["gcp-iam-member-disallow-public-access"], {
      pack: "eventstack-policies",
      severity: "critical",
      enforcementLevel: "mandatory",
      violations: 1,
      exempted: 0,
    });
    assert.equal(policies["gcp-kms-cryptokey-configure-rotation-period"]?.violations, 0);
  });
});
