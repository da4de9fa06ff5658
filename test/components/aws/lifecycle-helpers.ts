/**
 * Comparing two plans of the AWS platform as the engine compares a stack's state with a new plan:
 * which resources the provider would replace, and whether old and new may coexist.
 *
 * A bridged provider replaces a resource when an input its Terraform schema marks `ForceNew`
 * changes (pulumi/pulumi-terraform-bridge, pkg/tfbridge/provider.go `Diff`: "replaces" are the
 * changed keys whose schema says ForceNew). The table lists those inputs for the types the platform
 * creates, from hashicorp/terraform-provider-aws (internal/service/<service>/<resource>.go, the
 * `ForceNew: true` attributes; e.g. internal/service/events/archive.go: `name` and
 * `event_source_arn`). Inputs not listed update in place: SQS SetQueueAttributes takes
 * `KmsMasterKeyId`, `RedrivePolicy` and `VisibilityTimeout`
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html);
 * EventBridge UpdateEventBus and UpdateArchive take `KmsKeyIdentifier`
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateEventBus.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateArchive.html); CloudWatch
 * Logs AssociateKmsKey/DisassociateKmsKey and Secrets Manager UpdateSecret change a key in place
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html,
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html).
 */
import type { DeployabilityContext } from "../../../policies/deployability/rule";
import { physicalNameCollision } from "../../../policies/deployability/rules/physical-name-collision";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import type { Plan } from "../../../policies/offline/plan";
import { T } from "./plan-helpers";

/** Inputs whose change makes the provider replace the resource, per type. */
export const REPLACING_INPUTS: Readonly<Record<string, readonly string[]>> = {
  [T.queue]: ["name", "namePrefix", "fifoQueue"],
  [T.queuePolicy]: ["queueUrl"],
  [T.bus]: ["name", "eventSourceName"],
  [T.archive]: ["name", "eventSourceArn"],
  [T.rule]: ["name", "namePrefix", "eventBusName"],
  [T.target]: ["rule", "targetId", "eventBusName"],
  [T.fn]: ["name", "packageType"],
  [T.logGroup]: ["name", "namePrefix", "logGroupClass"],
  [T.secret]: ["name", "namePrefix"],
  [T.role]: ["name", "namePrefix", "path"],
  [T.rolePolicy]: ["name", "namePrefix", "role"],
  [T.alias]: ["name", "namePrefix"],
  [T.key]: ["keyUsage", "customerMasterKeySpec", "multiRegion", "customKeyStoreId", "xksKeyId"],
  [T.topic]: ["name", "namePrefix", "fifoTopic"],
  [T.alarm]: ["name"],
  [T.dashboard]: ["dashboardName"],
  [T.topicPolicy]: ["arn"],
  [T.subscription]: ["topic", "protocol", "endpoint"],
  [T.invokeConfig]: ["functionName", "qualifier"],
  [T.secretVersion]: ["secretId"],
  [T.securityGroup]: ["name", "namePrefix", "vpcId", "description"],
  [T.endpoint]: ["serviceName", "vpcId", "vpcEndpointType"],
  "aws:lambda/eventSourceMapping:EventSourceMapping": ["eventSourceArn"],
  "aws:ec2/flowLog:FlowLog": [
    "vpcId",
    "logDestination",
    "logDestinationType",
    "iamRoleArn",
    "trafficType",
    "maxAggregationInterval",
    "logFormat",
  ],
  "aws:dynamodb/table:Table": ["name", "hashKey", "rangeKey"],
};

/** `type name`: the part of a URN that stays when only inputs change. */
export const keyOf = (r: { type: string; name: string }): string => `${r.type} ${r.name}`;

/** A replacement: the resource, and the replacing inputs that differ. */
export interface Replacement {
  readonly key: string;
  readonly inputs: readonly string[];
}

/**
 * Resources present in both plans whose replacing inputs differ; a type missing from the table
 * fails, so a new resource type cannot slip through unjudged.
 */
export function replacements(a: Plan, b: Plan): Replacement[] {
  const before = new Map(a.resources.map((r) => [keyOf(r), r]));
  const found: Replacement[] = [];
  for (const r of b.resources) {
    if (!r.custom || !(r.type.startsWith("aws:") || r.type.startsWith("awsx:"))) continue;
    const old = before.get(keyOf(r));
    if (old === undefined) continue;
    const forcing = REPLACING_INPUTS[r.type];
    if (forcing === undefined) {
      if (JSON.stringify(old.inputs) === JSON.stringify(r.inputs)) continue;
      throw new Error(`${keyOf(r)} changed, and its replacing inputs are not listed`);
    }
    const changed = forcing.filter(
      (k) => JSON.stringify(old.inputs[k]) !== JSON.stringify(r.inputs[k]),
    );
    if (changed.length > 0) found.push({ key: keyOf(r), inputs: changed });
  }
  return found;
}

/** Keys of resources in `b` and not in `a` (created), or in `a` and not in `b` (deleted). */
export function onlyIn(b: Plan, a: Plan): string[] {
  const inA = new Set(a.resources.map(keyOf));
  return b.resources
    .filter((r) => r.custom)
    .map(keyOf)
    .filter((k) => !inA.has(k))
    .sort();
}

/** Inputs as data: assets by their path (a recorded asset holds its path as a promise). */
export function comparable(inputs: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(inputs)) as unknown;
}

/** The inputs of every custom resource of `p`, by key, as data. */
export function inputsByKey(p: Plan): Map<string, unknown> {
  return new Map(p.resources.filter((r) => r.custom).map((r) => [keyOf(r), comparable(r.inputs)]));
}

const CONTEXT: DeployabilityContext = {
  source: "plan",
  lambdaConcurrencyLimit: 1000,
  lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit's default",
};

/** Messages of the physical-name collision rule over resources that exist at the same time. */
export function collisions(resources: readonly RecordedResource[]): string[] {
  return physicalNameCollision.check(resources, CONTEXT).map((f) => f.message);
}

/**
 * `r` as a deployment of another stack would hold it: the program's own inputs. A name the program
 * leaves unset is auto-named with a random suffix per stack
 * (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming), which the offline mocks
 * derive from the logical name alone; without the mocked outputs such a resource has no fixed
 * identity, as in the cloud.
 */
export const asAnotherStackHoldsIt = (r: RecordedResource): RecordedResource => ({
  ...r,
  outputs: {},
});

/** `r` as the replacement the engine creates next to the old one (same URN, its own state). */
export const replacement = (r: RecordedResource): RecordedResource => ({
  ...r,
  urn: `${r.urn}#new`,
});
