/**
 * Prices an AWS stack's recorded resources (a plan, or a `pulumi stack export`): EventBridge
 * events and archive, Lambda requests, duration, traces and logs, dead-letter messages, the data
 * path behind the bus (delivery queues, the state table, flow logs: estimate-aws-state.ts), and the
 * fixed monthly cost of keys, secrets, alarms, dashboards, NAT gateways and interface endpoints.
 */
import type { RecordedResource } from "../mock-types";
import type { Assumptions } from "./assumptions";
import { Collector } from "./collector";
import { estimateAwsDataPath } from "./estimate-aws-state";
import { retentionMonths, retentionText } from "./retention";
import type { Estimation } from "./model";
import {
  count,
  GIB,
  HOURS_PER_MONTH,
  KIB,
  lastSegment,
  list,
  num,
  rec,
  SECONDS_PER_MONTH,
  str,
} from "./values";

/** EventBridge and SQS bill each 64 KB chunk of a payload as one event or request. */
export const CHUNK_BYTES = 64 * KIB;
/** Bytes the EventBridge entry adds to the CloudEvent's data (source, detail-type, id, time). */
export const EVENTBRIDGE_ENVELOPE_BYTES = 512;
/**
 * Lambda's X-Ray sampling: "1 request per second and 5 percent of additional requests"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html), with events spread evenly.
 */
export const XRAY_RESERVOIR_PER_SECOND = 1;
export const XRAY_FIXED_RATE = 0.05;
/** Availability zones awsx's Vpc spans when not told (https://www.pulumi.com/registry/packages/awsx/api-docs/ec2/vpc/). */
export const AWSX_DEFAULT_AZS = 3;
export { NEVER_EXPIRES_MONTHS } from "./retention";

const FREE: Readonly<Record<string, string>> = {
  "aws:iam/role:Role": "IAM has no charge",
  "aws:iam/rolePolicy:RolePolicy": "IAM has no charge",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM has no charge",
  "aws:iam/policy:Policy": "IAM has no charge",
  "aws:lambda/permission:Permission": "permissions have no charge",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig":
    "asynchronous invocation settings have no charge",
  "aws:cloudwatch/eventRule:EventRule":
    "rules have no charge; matched events are priced on the bus",
  "aws:cloudwatch/eventTarget:EventTarget": "delivery to targets in the same account is free",
  "aws:sqs/queuePolicy:QueuePolicy": "queue policies have no charge",
  "aws:kms/alias:Alias": "aliases have no charge",
  "aws:sns/topic:Topic": "alarm notifications stay within SNS's free 1,000 emails a month",
  "aws:sns/topicPolicy:TopicPolicy": "topic policies have no charge",
  "aws:sns/topicSubscription:TopicSubscription": "subscriptions have no charge",
  "aws:ec2/securityGroup:SecurityGroup": "security groups have no charge",
  "aws:ec2/vpc:Vpc": "VPCs have no charge",
  "aws:ec2/subnet:Subnet": "subnets have no charge",
  "aws:ec2/routeTable:RouteTable": "route tables have no charge",
  "aws:ec2/route:Route": "routes have no charge",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "route tables have no charge",
  "aws:ec2/internetGateway:InternetGateway": "internet gateways have no charge",
  "aws:secretsmanager/secretVersion:SecretVersion": "priced with its secret",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "secret policies have no charge",
  // The Lambda pricing page bills requests and duration; the poller's SQS requests are billed
  // by SQS and priced on the delivery queue (https://aws.amazon.com/lambda/pricing/).
  "aws:lambda/eventSourceMapping:EventSourceMapping":
    "event source mappings have no charge; the poller's SQS requests are priced on the delivery queue",
};

/** Traces recorded for `n` evenly spread invocations of one function in a month. */
export function sampledTraces(n: number): number {
  const reservoir = XRAY_RESERVOIR_PER_SECOND * SECONDS_PER_MONTH;
  return Math.min(n, reservoir) + XRAY_FIXED_RATE * Math.max(0, n - reservoir);
}

/** The estimation for one set of assumptions. */
export function estimateAws(resources: readonly RecordedResource[], a: Assumptions): Estimation {
  const out = new Collector();
  const of = (type: string) => resources.filter((r) => r.type === type);
  const functions = of("aws:lambda/function:Function");
  const logGroups = of("aws:cloudwatch/logGroup:LogGroup");
  const buses = of("aws:cloudwatch/eventBus:EventBus");
  const queues = of("aws:sqs/queue:Queue");
  const natGateways = of("aws:ec2/natGateway:NatGateway");

  const events = a.eventsPerMonth;
  const deliveries = events * a.consumersPerEvent;
  const entryBytes = a.payloadKb * KIB + EVENTBRIDGE_ENVELOPE_BYTES;
  const chunks = Math.max(1, Math.ceil(entryBytes / CHUNK_BYTES));
  const dataPath = estimateAwsDataPath(resources, a, chunks, out);

  for (const bus of buses) {
    out.line({
      kind: "per-event",
      item: "EventBridge custom events",
      resources: [bus.name],
      quantity: (events * chunks) / 1e6,
      priceId: "eventbridge-events",
      assumption: `${count(events)} PutEvents entries of ${count(entryBytes)} bytes (${chunks} 64 KB chunk each); delivery to same-account targets is free`,
    });
  }

  const perFunction = functions.length > 0 ? deliveries / functions.length : 0;
  const split = `${count(perFunction)} invocations (${count(deliveries)} deliveries split evenly over ${functions.length} functions)`;
  const usedGroups = new Set<string>(dataPath.flowLogGroups);
  for (const fn of functions) {
    const memoryMb = num(fn.inputs, "memorySize") ?? 128;
    const arch = list(fn.inputs, "architectures")[0] === "arm64" ? "arm64" : "x86_64";
    out.line({
      kind: "per-event",
      item: "Lambda requests",
      resources: [fn.name],
      quantity: perFunction / 1e6,
      priceId: "lambda-requests",
      assumption: split,
    });
    out.line({
      kind: "per-event",
      item: `Lambda duration (${arch})`,
      resources: [fn.name],
      quantity: (perFunction * a.avgDurationMs * memoryMb) / 1000 / KIB,
      priceId: `lambda-duration-${arch}`,
      assumption: `${split}, ${count(a.avgDurationMs)} ms each at ${memoryMb} MB`,
    });
    if (str(rec(fn.inputs, "tracingConfig"), "mode") === "Active") {
      out.line({
        kind: "per-event",
        item: "X-Ray traces recorded",
        resources: [fn.name],
        quantity: sampledTraces(perFunction) / 1e6,
        priceId: "xray-traces",
        assumption: `active tracing samples the first invocation each second and 5% of the rest: ${count(sampledTraces(perFunction))} of ${count(perFunction)} invocations`,
      });
    }
    const functionName = str(fn.inputs, "name") ?? fn.name;
    const groupName =
      str(rec(fn.inputs, "loggingConfig"), "logGroup") ?? `/aws/lambda/${functionName}`;
    const group = logGroups.find((g) => (str(g.inputs, "name") ?? g.name) === groupName);
    if (group !== undefined) usedGroups.add(group.name);
    const retentionDays = group === undefined ? undefined : num(group.inputs, "retentionInDays");
    const ingestGb = (perFunction * a.logKbPerDelivery * KIB) / GIB;
    out.line({
      kind: "per-event",
      item: "CloudWatch Logs ingestion",
      resources: [group?.name ?? groupName],
      quantity: ingestGb,
      priceId: "cloudwatch-logs-ingestion",
      assumption: `${count(a.logKbPerDelivery)} KB of platform and JSON application log per invocation`,
    });
    out.line({
      kind: "per-event",
      item: "CloudWatch Logs storage",
      resources: [group?.name ?? groupName],
      quantity: ingestGb * retentionMonths(retentionDays),
      priceId: "cloudwatch-logs-storage",
      assumption: `a month's logs kept at ${retentionText(retentionDays)}, uncompressed size (an upper bound)`,
    });
  }

  const busDeadLetters = new Set(
    buses.flatMap((b) => {
      const arn = str(rec(b.inputs, "deadLetterConfig"), "arn");
      return arn === undefined ? [] : [lastSegment(arn)];
    }),
  );
  const deadLetterQueues = queues.filter((q) => !dataPath.deliveryQueues.has(q.name));
  const consumerQueues = deadLetterQueues.filter(
    (q) => !busDeadLetters.has(str(q.inputs, "name") ?? q.name),
  );
  const deadLettered = (deliveries * a.deadLetterPercent) / 100;
  for (const q of deadLetterQueues) {
    const forBus = !consumerQueues.includes(q);
    const messages = forBus ? 0 : deadLettered / consumerQueues.length;
    out.line({
      kind: "per-event",
      item: "SQS dead-letter messages",
      resources: [q.name],
      quantity: (messages * chunks) / 1e6,
      priceId: "sqs-requests",
      assumption: forBus
        ? "receives only events the bus cannot hand to any target: assumed none"
        : `${count(a.deadLetterPercent)}% of deliveries dead-lettered, split over ${consumerQueues.length} queues; one SendMessage each, nobody polls`,
    });
  }

  const vpcNatCount = (vpc: RecordedResource): number => {
    const strategy = str(rec(vpc.inputs, "natGateways"), "strategy") ?? "OnePerAz";
    if (strategy === "None") return 0;
    if (strategy === "Single") return 1;
    const zones =
      num(vpc.inputs, "numberOfAvailabilityZones") ??
      (list(vpc.inputs, "availabilityZoneNames").length || AWSX_DEFAULT_AZS);
    return zones;
  };
  const natLines = (names: string[], nats: number, publicIps: number, how: string) => {
    out.line({
      kind: "fixed",
      item: "NAT gateway hours",
      resources: names,
      quantity: nats * HOURS_PER_MONTH,
      priceId: "nat-gateway-hour",
      assumption: `${nats} NAT gateway(s) ${how}, ${HOURS_PER_MONTH} h a month`,
    });
    out.line({
      kind: "fixed",
      item: "Public IPv4 addresses",
      resources: names,
      quantity: publicIps * HOURS_PER_MONTH,
      priceId: "public-ipv4-hour",
      assumption: `${publicIps} Elastic IP(s), one per public NAT gateway`,
    });
    out.line({
      kind: "per-event",
      item: "NAT gateway data processed",
      resources: names,
      quantity: nats === 0 ? 0 : (deliveries * a.payloadKb * KIB) / GIB,
      priceId: "nat-gateway-data",
      assumption: "each delivery sends its payload to the consumer's backend through the NAT",
    });
  };
  if (natGateways.length > 0) {
    const publicIps = of("aws:ec2/eip:Eip").length;
    natLines(
      natGateways.map((n) => n.name),
      natGateways.length,
      publicIps,
      "deployed",
    );
  }

  for (const r of resources) {
    if (r.type === "awsx:ec2:Vpc") {
      if (natGateways.length > 0) out.free(r, "component: its NAT gateways are priced");
      else {
        const nats = vpcNatCount(r);
        const strategy = str(rec(r.inputs, "natGateways"), "strategy") ?? "OnePerAz";
        if (nats === 0) out.free(r, `component: natGateways strategy ${strategy}, no NAT gateway`);
        else natLines([r.name], nats, nats, `(natGateways strategy ${strategy})`);
      }
      continue;
    }
    if (out.bookkeeping(r)) continue;
    const reason = FREE[r.type];
    if (reason !== undefined) {
      out.free(r, reason);
      continue;
    }
    switch (r.type) {
      case "aws:cloudwatch/eventBus:EventBus":
      case "aws:lambda/function:Function":
      case "aws:sqs/queue:Queue":
      case "aws:ec2/natGateway:NatGateway":
      case "aws:dynamodb/table:Table":
      case "aws:ec2/flowLog:FlowLog":
        break;
      case "aws:ec2/eip:Eip":
        if (natGateways.length === 0) {
          out.line({
            kind: "fixed",
            item: "Public IPv4 addresses",
            resources: [r.name],
            quantity: HOURS_PER_MONTH,
            priceId: "public-ipv4-hour",
            assumption: "one Elastic IP all month",
          });
        }
        break;
      case "aws:cloudwatch/logGroup:LogGroup":
        if (!usedGroups.has(r.name)) {
          out.notEstimated(r, "log volume of groups no function writes to is not modelled");
        }
        break;
      case "aws:cloudwatch/eventArchive:EventArchive": {
        const days = num(r.inputs, "retentionDays");
        const gb = (events * entryBytes) / GIB;
        out.line({
          kind: "per-event",
          item: "EventBridge archive processing",
          resources: [r.name],
          quantity: gb,
          priceId: "eventbridge-archive-processing",
          assumption: `every event archived at ${count(entryBytes)} bytes`,
        });
        out.line({
          kind: "per-event",
          item: "EventBridge archive storage",
          resources: [r.name],
          quantity: gb * retentionMonths(days),
          priceId: "eventbridge-archive-storage",
          assumption: `a month's events kept at ${retentionText(days)}`,
        });
        break;
      }
      case "aws:kms/key:Key":
        out.line({
          kind: "fixed",
          item: "KMS customer managed keys",
          resources: [r.name],
          quantity: 1,
          priceId: "kms-key",
          assumption:
            r.inputs.enableKeyRotation === true
              ? "first year; each of the first two yearly rotations adds $1/month; requests not estimated (services cache data keys)"
              : "requests not estimated (services cache data keys)",
        });
        break;
      case "aws:secretsmanager/secret:Secret":
        out.line({
          kind: "fixed",
          item: "Secrets Manager secrets",
          resources: [r.name],
          quantity: 1,
          priceId: "secretsmanager-secret",
          assumption: "read once per function instance (API calls negligible)",
        });
        break;
      case "aws:cloudwatch/metricAlarm:MetricAlarm": {
        const queries = list(r.inputs, "metricQueries");
        const metrics =
          queries.length === 0
            ? 1
            : queries.filter((q) => Object.keys(rec(q, "metric")).length > 0).length;
        const periods = [
          num(r.inputs, "period"),
          ...queries.map((q) => num(rec(q, "metric"), "period")),
        ].filter((p): p is number => p !== undefined);
        const highResolution = periods.some((p) => p < 60);
        out.line({
          kind: "fixed",
          item: `CloudWatch alarms (${highResolution ? "high" : "standard"} resolution)`,
          resources: [r.name],
          quantity: metrics,
          priceId: highResolution
            ? "cloudwatch-alarm-high-resolution"
            : "cloudwatch-alarm-standard",
          assumption: queries.length === 0 ? "one metric" : `metric math over ${metrics} metrics`,
        });
        break;
      }
      case "aws:cloudwatch/dashboard:Dashboard":
        out.line({
          kind: "fixed",
          item: "CloudWatch dashboards",
          resources: [r.name],
          quantity: 1,
          priceId: "cloudwatch-dashboard",
          assumption: "one custom dashboard",
        });
        break;
      case "aws:ec2/vpcEndpoint:VpcEndpoint": {
        if ((str(r.inputs, "vpcEndpointType") ?? "Gateway") !== "Interface") {
          out.free(r, "gateway endpoints have no charge");
          break;
        }
        const zones = Math.max(1, list(r.inputs, "subnetIds").length);
        out.line({
          kind: "fixed",
          item: "Interface endpoint hours",
          resources: [r.name],
          quantity: zones * HOURS_PER_MONTH,
          priceId: "interface-endpoint-hour",
          assumption: `one endpoint in ${zones} availability zone(s); data processed (secret reads at instance start) negligible`,
        });
        break;
      }
      default:
        out.notEstimated(r, "no price known for this resource type");
    }
  }
  return out.result();
}
