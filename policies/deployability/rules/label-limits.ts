/**
 * Labels (GCP) and tags (AWS) per resource, counted as the cloud will see them: the resource's own
 * plus what the provider adds (AWS `defaultTags`; GCP `defaultLabels` and the
 * `goog-pulumi-provisioned` attribution label pulumi-gcp ≥ 8 adds unless
 * `addPulumiAttributionLabel` is false — pulumi/registry gcp 8.0 migration guide, "Default label").
 */
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { isRecord } from "../../lib/values";
import type { DeployabilityFinding, DeployabilityRule } from "../rule";
import { propertiesOf, providerOf, quote, valuesAt } from "../values";

const NAME = "deployability-label-limits";

/** https://cloud.google.com/resource-manager/docs/labels-overview#requirements */
const GCP_DOC = "https://cloud.google.com/resource-manager/docs/labels-overview#requirements";
const GCP_MAX = 64;
const GCP_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const GCP_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
/** https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions */
const AWS_DOC = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";
const AWS_MAX = 50;

/**
 * AWS types that take tags, so the provider's default tags land on them even when the program
 * sets none (from each type's schema in @pulumi/aws: they have `tags`/`tagsAll`).
 */
export const AWS_TAGGABLE: ReadonlySet<string> = new Set([
  "aws:sqs/queue:Queue",
  "aws:lambda/function:Function",
  "aws:iam/role:Role",
  "aws:cloudwatch/eventBus:EventBus",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:sns/topic:Topic",
  "aws:kms/key:Key",
  "aws:secretsmanager/secret:Secret",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/flowLog:FlowLog",
  "aws:dynamodb/table:Table",
  "aws:ecr/repository:Repository",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
]);

/**
 * Where a type keeps its resource labels when not in `labels`: notification channels use `labels`
 * for the channel's settings (e.g. `email_address`) and `userLabels` for labels; Cloud Run services
 * label the service and each revision (`template.labels`).
 */
const LABEL_PATHS: Readonly<Record<string, readonly string[]>> = {
  "gcp:monitoring/notificationChannel:NotificationChannel": ["userLabels"],
  "gcp:monitoring/alertPolicy:AlertPolicy": ["userLabels"],
  "gcp:cloudrunv2/service:Service": ["labels", "template.labels"],
};

function objectAt(value: unknown, path: string): Record<string, unknown> {
  const found = valuesAt(value, path).find(isRecord);
  return found ?? {};
}

function stringKeys(obj: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, typeof v === "string" ? v : String(v)]),
  );
}

function gcpFindings(
  r: RecordedResource,
  provider: RecordedResource | undefined,
  props: Record<string, unknown>,
): DeployabilityFinding[] {
  const providerLabels = provider ? stringKeys(objectAt(provider.inputs, "defaultLabels")) : {};
  const attribution =
    provider === undefined || String(provider.inputs.addPulumiAttributionLabel) !== "false";
  const findings: DeployabilityFinding[] = [];
  for (const path of LABEL_PATHS[r.type] ?? ["labels"]) {
    if (valuesAt(props, path).length === 0) continue;
    const own = stringKeys(objectAt(props, path));
    const all = {
      ...providerLabels,
      ...(attribution && path === "labels" ? { "goog-pulumi-provisioned": "true" } : {}),
      ...own,
    };
    const count = Object.keys(all).length;
    if (count > GCP_MAX) {
      findings.push({
        rule: NAME,
        urn: r.urn,
        message: `${r.type} ${path} would hold ${count} labels (${Object.keys(own).length} of its own${attribution && path === "labels" ? ", goog-pulumi-provisioned" : ""}${Object.keys(providerLabels).length > 0 ? `, ${Object.keys(providerLabels).length} provider default labels` : ""}); Google allows at most ${GCP_MAX} (${GCP_DOC})`,
      });
    }
    for (const [key, value] of Object.entries(own)) {
      if (!GCP_KEY.test(key)) {
        findings.push({
          rule: NAME,
          urn: r.urn,
          message: `${r.type} ${path} key ${quote(key)} must be 1-63 lowercase letters, digits, _ or -, starting with a letter (${GCP_DOC})`,
        });
      }
      if (!GCP_VALUE.test(value)) {
        findings.push({
          rule: NAME,
          urn: r.urn,
          message: `${r.type} ${path}.${key} value ${quote(value)} must be at most 63 lowercase letters, digits, _ or - (${GCP_DOC})`,
        });
      }
    }
  }
  return findings;
}

function awsFindings(
  r: RecordedResource,
  provider: RecordedResource | undefined,
  props: Record<string, unknown>,
): DeployabilityFinding[] {
  if (!AWS_TAGGABLE.has(r.type) && valuesAt(props, "tags").length === 0) return [];
  const providerTags = provider ? stringKeys(objectAt(provider.inputs, "defaultTags.tags")) : {};
  const own = stringKeys(objectAt(props, "tags"));
  const all = { ...providerTags, ...own };
  const findings: DeployabilityFinding[] = [];
  const count = Object.keys(all).length;
  if (count > AWS_MAX) {
    findings.push({
      rule: NAME,
      urn: r.urn,
      message: `${r.type} would carry ${count} tags (${Object.keys(own).length} of its own, ${Object.keys(providerTags).length} provider default tags); AWS allows at most ${AWS_MAX} per resource (${AWS_DOC})`,
    });
  }
  for (const [key, value] of Object.entries(all)) {
    if ([...key].length > 128 || key.length === 0 || /^aws:/i.test(key)) {
      findings.push({
        rule: NAME,
        urn: r.urn,
        message: `${r.type} tag key ${quote(key)} must be 1-128 characters and not start with "aws:" (${AWS_DOC})`,
      });
    }
    if ([...value].length > 256) {
      findings.push({
        rule: NAME,
        urn: r.urn,
        message: `${r.type} tag ${quote(key)} value must be at most 256 characters, got ${[...value].length} (${AWS_DOC})`,
      });
    }
  }
  return findings;
}

export const labelLimits: DeployabilityRule = {
  meta: {
    name: NAME,
    description:
      "Each resource's labels (GCP, at most 64) or tags (AWS, at most 50), counted with what the provider adds, are within the cloud's limits and syntax.",
    remediationSteps:
      "Remove labels/tags (for eventstack: fewer entries in eventstack:labels), or drop provider default labels/tags.",
    sources: [GCP_DOC, AWS_DOC],
    appliesTo: ["plan", "state"],
  },
  check(resources) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const findings: DeployabilityFinding[] = [];
    for (const r of resources) {
      if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
      const props = propertiesOf(r);
      const provider = providerOf(r, byUrn);
      if (r.type.startsWith("gcp:")) findings.push(...gcpFindings(r, provider, props));
      else if (r.type.startsWith("aws:")) findings.push(...awsFindings(r, provider, props));
    }
    return findings;
  },
};
