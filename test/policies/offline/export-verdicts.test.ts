/**
 * Expected verdicts, finding by finding, for the exports the audit is held to: real exports of
 * deployed stacks from public repositories (test/fixtures/stack-exports/real/NOTICE.md) and
 * exports of misconfigured stacks written in the forms the AWS and GCP APIs accept
 * (test/fixtures/stack-exports/noncompliant/), each beside compliant neighbours that must stay
 * clean. A rule that starts missing a finding, or flags a compliant resource, fails here.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as engine from "../../../policies/offline/evaluate";
import { auditState } from "../../../policies/offline/state-audit";
import { EXPORTS_DIR } from "./state-fixtures";

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  "real/aws-elb-wp.json": [],
  "real/aws-sure-ecs.json": [],
  "real/empty-passphrase.json": [],
  // Log permissions on `arn:aws:logs:*:*:*` (any log group of any account); the one bucket's
  // objects (`arn:aws:s3:::payment-audit-logs-synthj2o50h/*`) are named, and not flagged.
  "real/aws-payment-tapstack.json": [
    "advisory aws-lambda-function-missing-error-alarm @ payment-processor-synthj2o50h",
    "advisory aws-lambda-function-missing-error-alarm @ payment-validator-synthj2o50h",
    "mandatory aws-cloudwatch-loggroup-configure-customer-managed-key @ /aws/lambda/payment-notifier-synthj2o50h",
    "mandatory aws-cloudwatch-loggroup-configure-customer-managed-key @ /aws/lambda/payment-processor-synthj2o50h",
    "mandatory aws-cloudwatch-loggroup-configure-customer-managed-key @ /aws/lambda/payment-validator-synthj2o50h",
    "mandatory aws-cloudwatch-loggroup-configure-customer-managed-key @ payment-vpc-flow-logs-synthj2o50h",
    "mandatory aws-iam-policydocument-disallow-wildcard-resources @ payment-notifier-inline-policy-synthj2o50h",
    "mandatory aws-iam-policydocument-disallow-wildcard-resources @ payment-processor-inline-policy-synthj2o50h",
    "mandatory aws-iam-policydocument-disallow-wildcard-resources @ payment-validator-inline-policy-synthj2o50h",
    "mandatory aws-lambda-function-missing-failure-destination @ payment-processor-synthj2o50h",
    "mandatory aws-lambda-function-missing-failure-destination @ payment-validator-synthj2o50h",
    "mandatory aws-sns-topic-configure-customer-managed-key @ payment-notifications-synthj2o50h",
    "mandatory aws-sns-topic-enable-encryption @ payment-notifications-synthj2o50h",
  ],
  // Compliant neighbours: ingest-telemetry, events-policy, ci-preview.
  "noncompliant/aws-grants.json": [
    "mandatory aws-cloudwatch-eventpermission-disallow-public-principal @ partners",
    "mandatory aws-iam-policyattachment-disallow-broad-managed-policies @ ingest-managed",
    "mandatory aws-iam-policydocument-disallow-notaction-allow @ images-policy",
    "mandatory aws-iam-policydocument-disallow-wildcard-actions @ ingest-events",
    "mandatory aws-iam-policydocument-disallow-wildcard-resources @ deployer",
    "mandatory aws-iam-policydocument-disallow-wildcard-resources @ ingest-role",
    "mandatory aws-iam-resourcepolicy-missing-scoping-condition @ alerts-policy",
    "mandatory aws-iam-resourcepolicy-missing-scoping-condition @ dlq-policy",
    "mandatory aws-iam-resourcepolicy-missing-scoping-condition @ ledger-table-policy",
    "mandatory aws-iam-role-missing-federated-subject @ ci-deploy",
    "mandatory aws-lambda-permission-missing-source-arn @ from-topics",
  ],
  // Compliant neighbours: ingest-publisher, ingest-one-secret.
  "noncompliant/gcp-grants.json": [
    "advisory gcp-cloudrun-service-missing-error-alert @ ledger-web",
    "mandatory gcp-iam-binding-disallow-basic-roles @ project-policy",
    "mandatory gcp-iam-member-disallow-public-access @ hl7-readers",
    "mandatory gcp-iam-member-disallow-public-access @ ledger-web",
    "mandatory gcp-iam-member-disallow-public-access @ public-invoker",
    "mandatory gcp-iam-project-disallow-broad-data-access @ folder-subscribers",
    "mandatory gcp-iam-project-disallow-broad-data-access @ ingest-secrets",
    "mandatory gcp-iam-project-disallow-impersonation-roles @ project-policy",
  ],
};

describe("expected verdicts of real and misconfigured stack exports", function () {
  this.timeout(120_000);
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.length} findings, each expected`, async () => {
      const { report } = await auditState({ stateFile: join(EXPORTS_DIR, file) }, engine);
      const found = report.violations
        .map((v) => `${v.enforcementLevel} ${v.policy} @ ${v.urn.split("::").pop() ?? ""}`)
        .sort();
      assert.deepEqual(found, [...expected].sort());
    });
  }
});
