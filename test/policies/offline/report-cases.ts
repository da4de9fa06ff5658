/**
 * Fixed report inputs for the renderer tests and golden files: real resources from the fixture
 * exports, and a catalog and findings written out here, so the rendered output depends only on the
 * renderers.
 */
import { join } from "node:path";
import type { DeployabilityFinding } from "../../../policies/deployability";
import {
  buildReport,
  type CheckReport,
  type PolicyMeta,
  type Violation,
} from "../../../policies/offline/report-model";
import type { SarifOptions } from "../../../policies/offline/report-sarif";
import { readStackState } from "../../../policies/offline/state-read";
import { EXPORTS_DIR } from "./state-fixtures";

const PACK = "eventstack-policies";

export const CATALOG: readonly PolicyMeta[] = [
  {
    pack: PACK,
    name: "aws-lambda-permission-disallow-public-principal",
    description: "Lambda permissions must not let any principal invoke a function.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `principal` to the invoking service and `sourceArn` to its resource.",
    tags: ["aws", "lambda", "iam", "public-access"],
    checkovId: "CKV_AWS_301",
  },
  {
    pack: PACK,
    name: "aws-cloudwatch-eventtarget-missing-dead-letter-queue",
    description:
      "EventBridge targets must send events they fail to deliver to a dead-letter queue.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `deadLetterConfig: { arn: <SQS queue ARN> }` on the target.",
    tags: ["aws", "eventbridge", "dead-letter", "data-loss"],
    cdkNagId: "Serverless-EventBusDLQ",
  },
  {
    pack: PACK,
    name: "aws-sqs-queue-enable-encryption",
    description: "SQS queues must be encrypted at rest.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `kmsMasterKeyId` (or `sqsManagedSseEnabled: true`) on the queue.",
    tags: ["aws", "sqs", "encryption"],
    checkovId: "CKV_AWS_27",
    cdkNagId: "AwsSolutions-SQS2",
  },
  {
    pack: PACK,
    name: "aws-lambda-function-missing-error-alarm",
    description: "Every Lambda function must be watched by an alarm on its errors.",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
      "Add an `aws.cloudwatch.MetricAlarm` on AWS/Lambda `Errors` for the function.",
    tags: ["aws", "lambda", "alerting"],
  },
  {
    pack: PACK,
    name: "aws-lambda-permission-missing-source-arn",
    description: "Lambda permissions for AWS services must name the invoking resource.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `sourceArn` to the rule (or other resource) that invokes the function.",
    tags: ["aws", "lambda", "iam"],
    checkovId: "CKV_AWS_364",
  },
  {
    pack: PACK,
    name: "aws-kms-key-enable-rotation",
    description: "Customer-managed KMS keys must rotate yearly.",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Set `enableKeyRotation: true` on the key.",
    tags: ["aws", "kms", "encryption"],
    checkovId: "CKV_AWS_7",
  },
];

const urnOf = (report: { resources: readonly { urn: string; name: string }[] }, name: string) => {
  const found = report.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}`);
  return found.urn;
};

/** The non-compliant AWS export with a finding of every kind: each severity, an exemption, a stack-level one. */
export function awsAuditReport(): CheckReport {
  const state = readStackState(join(EXPORTS_DIR, "aws-prod-noncompliant.json"));
  const at = (name: string) => urnOf(state, name);
  const v = (
    policy: string,
    urn: string,
    message: string,
    extra: Partial<Violation> = {},
  ): Violation => {
    const meta = CATALOG.find((p) => p.name === policy);
    if (!meta) throw new Error(`no policy ${policy}`);
    return {
      pack: PACK,
      policy,
      enforcementLevel: meta.enforcementLevel,
      severity: meta.severity,
      urn,
      message,
      ...extra,
    };
  };
  const violations: Violation[] = [
    v(
      "aws-sqs-queue-enable-encryption",
      at("eventstack-orders-dlq"),
      "the queue must set kmsMasterKeyId or sqsManagedSseEnabled: true, got neither.",
    ),
    v(
      "aws-cloudwatch-eventtarget-missing-dead-letter-queue",
      at("eventstack-orders-target"),
      "deadLetterConfig.arn must name an SQS dead-letter queue, got none.",
    ),
    v(
      "aws-lambda-function-missing-error-alarm",
      at("eventstack-audit-fn"),
      'function "eventstack-audit-fn-eea3d91" must have an alarm on AWS/Lambda Errors, got none.',
    ),
    v(
      "aws-lambda-permission-disallow-public-principal",
      at("eventstack-orders-invoke"),
      'principal must name a service or account, got "*".\nAnyone could invoke the function.',
    ),
    v(
      "aws-kms-key-enable-rotation",
      state.resources[0]?.urn ?? "",
      "every customer-managed key must rotate, got 1 key without rotation.",
    ),
    v(
      "aws-lambda-permission-missing-source-arn",
      at("eventstack-audit-invoke"),
      'sourceArn must name the invoking resource when the principal is the service "events.amazonaws.com", got none.',
      {
        exemption: {
          reason:
            "The audit function is invoked by one rule on a private bus; scoping it is tracked in PLAT-118.",
        },
      },
    ),
  ];
  // A deployability finding as the concurrency rule words it, naming the other functions involved.
  const deployability: DeployabilityFinding[] = [
    {
      rule: "deployability-lambda-concurrency-quota",
      urn: at("eventstack-orders-fn"),
      related: [at("eventstack-audit-fn")],
      message:
        "reserved concurrency in eu-west-1 sums to 1000 over 2 functions (eventstack-audit-fn 900, eventstack-orders-fn 100), but an account limit of 1000 concurrent executions (AWS's standard quota; an export carries no stack config) leaves at most 900 to reserve: Lambda keeps 100 unreserved.",
    },
  ];
  return buildReport(state.stack, "aws", state.resources, violations, CATALOG, deployability);
}

/** The compliant GCP export with no findings. */
export function gcpCleanReport(): CheckReport {
  const state = readStackState(join(EXPORTS_DIR, "gcp-dev.json"));
  return buildReport(state.stack, "gcp", state.resources, [], CATALOG);
}

/** SARIF settings as a checkout on GitHub Actions would have them, fixed for golden files. */
export const GOLDEN_SARIF_OPTIONS: SarifOptions = {
  toolName: "eventstack-policy-check",
  toolVersion: "0.1.0",
  informationUri: "https://github.com/acme/eventstack",
  projectPath: "",
  fallbackFile: "Pulumi.prod.yaml",
  source: "state",
};
