/**
 * Prices the AWS data path behind the bus: each consumer's SQS delivery queue and the Lambda
 * poller reading it, the shared DynamoDB table, and the VPC flow logs.
 */
import type { RecordedResource } from "../mock-types";
import type { Assumptions } from "./assumptions";
import type { Collector } from "./collector";
import { NEVER_EXPIRES_MONTHS, retentionMonths, retentionText } from "./retention";
import {
  documentBytes,
  STATE_READS_PER_DELIVERY,
  STATE_RECORD_BYTES,
  STATE_RECORD_TTL_SECONDS,
  STATE_WRITES_PER_DELIVERY,
} from "./state-usage";
import { count, GIB, KIB, lastSegment, num, rec, SECONDS_PER_MONTH, str } from "./values";

/**
 * SQS requests per delivered message: EventBridge's SendMessage, the poller's ReceiveMessage and
 * its DeleteMessage once the function succeeds ("Lambda polls the queue … When your function
 * successfully processes a batch, Lambda deletes its messages from the queue",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html). One each per message is an upper
 * bound: at higher rates receives and deletes carry batches of up to `batchSize` messages.
 */
export const SQS_REQUESTS_PER_MESSAGE = 3;
/**
 * The poller's empty receives on an idle queue: Lambda long-polls each queue (20 s waits) with
 * a few parallel pollers. Five pollers is an assumption (AWS does not state the idle count), so
 * a queue costs 5 × 2,628,000 s / 20 s = 657,000 receives a month with no traffic at all.
 */
export const IDLE_POLLERS = 5;
export const LONG_POLL_SECONDS = 20;
export const EMPTY_RECEIVES_PER_QUEUE = (IDLE_POLLERS * SECONDS_PER_MONTH) / LONG_POLL_SECONDS;
/** DynamoDB: reads are counted in 4 KB units, standard writes in 1 KB units (the on-demand page). */
export const READ_UNIT_BYTES = 4 * KIB;
export const WRITE_UNIT_BYTES = KIB;
/**
 * Flow log records per delivery: one per direction of a fresh connection (an upper bound:
 * reused connections share a record per 10-minute aggregation interval), each about 130 bytes
 * in the default format (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html).
 */
export const FLOW_RECORDS_PER_DELIVERY = 2;
export const FLOW_RECORD_BYTES = 130;

/** What the data path priced, so the main estimator does not price it again. */
export interface DataPathResult {
  readonly deliveryQueues: ReadonlySet<string>;
  readonly flowLogGroups: ReadonlySet<string>;
}

const queueName = (q: RecordedResource): string => str(q.inputs, "name") ?? q.name;

/** Prices delivery queues, the state table and flow logs into `out`. */
export function estimateAwsDataPath(
  resources: readonly RecordedResource[],
  a: Assumptions,
  chunks: number,
  out: Collector,
): DataPathResult {
  const of = (type: string) => resources.filter((r) => r.type === type);
  const deliveries = a.eventsPerMonth * a.consumersPerEvent;
  const mappings = of("aws:lambda/eventSourceMapping:EventSourceMapping");
  const sources = new Set(
    mappings.flatMap((m) => {
      const arn = str(m.inputs, "eventSourceArn");
      return arn === undefined ? [] : [lastSegment(arn)];
    }),
  );
  const queues = of("aws:sqs/queue:Queue").filter((q) => sources.has(queueName(q)));
  const perQueue = queues.length > 0 ? deliveries / queues.length : 0;
  for (const q of queues) {
    out.line({
      kind: "per-event",
      item: "SQS delivery requests",
      resources: [q.name],
      quantity: (perQueue * chunks * SQS_REQUESTS_PER_MESSAGE) / 1e6,
      priceId: "sqs-requests",
      assumption: `${count(perQueue)} messages (${count(deliveries)} deliveries split over ${queues.length} queues), ${chunks} 64 KB chunk each: send, receive, delete, one request each (an upper bound; batches share requests)`,
    });
    out.line({
      kind: "fixed",
      item: "SQS empty receives (Lambda poller)",
      resources: [q.name],
      quantity: EMPTY_RECEIVES_PER_QUEUE / 1e6,
      priceId: "sqs-requests",
      assumption: `${IDLE_POLLERS} pollers long-polling ${LONG_POLL_SECONDS} s all month (assumed; AWS does not state the count)`,
    });
  }

  for (const table of of("aws:dynamodb/table:Table")) {
    if ((str(table.inputs, "billingMode") ?? "PROVISIONED") !== "PAY_PER_REQUEST") {
      out.notEstimated(table, "provisioned capacity is not priced; the program deploys on-demand");
      continue;
    }
    const doc = documentBytes(a);
    const readUnits = 1 + Math.ceil(doc / READ_UNIT_BYTES);
    const writeUnits =
      Math.ceil(STATE_RECORD_BYTES / WRITE_UNIT_BYTES) + Math.ceil(doc / WRITE_UNIT_BYTES);
    const how = `${count(deliveries)} deliveries, each ${STATE_READS_PER_DELIVERY} strongly consistent GetItems and ${STATE_WRITES_PER_DELIVERY} PutItems (app/core/state/dynamodb.ts applyOnce), document ${count(doc)} bytes`;
    out.line({
      kind: "per-event",
      item: "DynamoDB read request units",
      resources: [table.name],
      quantity: (deliveries * readUnits) / 1e6,
      priceId: "dynamodb-read-request",
      assumption: `${how}: ${readUnits} read units per delivery`,
    });
    out.line({
      kind: "per-event",
      item: "DynamoDB write request units",
      resources: [table.name],
      quantity: (deliveries * writeUnits) / 1e6,
      priceId: "dynamodb-write-request",
      assumption: `${how}: ${writeUnits} write units per delivery; TTL deletes are free`,
    });
    const gb =
      (deliveries *
        (doc * NEVER_EXPIRES_MONTHS +
          STATE_RECORD_BYTES * (STATE_RECORD_TTL_SECONDS / SECONDS_PER_MONTH))) /
      GIB;
    const kept = `a document per delivery (an upper bound: orders share one per order) kept ${NEVER_EXPIRES_MONTHS} months, idempotency records for their ${STATE_RECORD_TTL_SECONDS / 3600} h TTL`;
    out.line({
      kind: "per-event",
      item: "DynamoDB storage",
      resources: [table.name],
      quantity: gb,
      priceId: "dynamodb-storage",
      assumption: kept,
    });
    if (rec(table.inputs, "pointInTimeRecovery").enabled === true) {
      out.line({
        kind: "per-event",
        item: "DynamoDB point-in-time recovery",
        resources: [table.name],
        quantity: gb,
        priceId: "dynamodb-pitr",
        assumption: `continuous backups of the table's size: ${kept}`,
      });
    }
  }

  const flowLogGroups = new Set<string>();
  const groups = of("aws:cloudwatch/logGroup:LogGroup");
  for (const flowLog of of("aws:ec2/flowLog:FlowLog")) {
    if ((str(flowLog.inputs, "logDestinationType") ?? "cloud-watch-logs") !== "cloud-watch-logs") {
      out.notEstimated(flowLog, "flow logs to S3 or Firehose are not priced");
      continue;
    }
    const destination = str(flowLog.inputs, "logDestination") ?? "";
    const groupName = destination.split(":log-group:")[1]?.replace(/:\*$/, "");
    const group = groups.find((g) => (str(g.inputs, "name") ?? g.name) === groupName);
    if (group !== undefined) flowLogGroups.add(group.name);
    const days = group === undefined ? undefined : num(group.inputs, "retentionInDays");
    const gb = (deliveries * FLOW_RECORDS_PER_DELIVERY * FLOW_RECORD_BYTES) / GIB;
    const names = [flowLog.name, ...(group === undefined ? [] : [group.name])];
    out.line({
      kind: "per-event",
      item: "VPC flow logs (vended) ingestion",
      resources: names,
      quantity: gb,
      priceId: "cloudwatch-vended-logs-ingestion",
      assumption: `${FLOW_RECORDS_PER_DELIVERY} records of ${FLOW_RECORD_BYTES} bytes per delivery (a fresh connection each: an upper bound)`,
    });
    out.line({
      kind: "per-event",
      item: "CloudWatch Logs storage",
      resources: names,
      quantity: gb * retentionMonths(days),
      priceId: "cloudwatch-logs-storage",
      assumption: `a month's flow logs kept at ${retentionText(days)}`,
    });
  }
  return { deliveryQueues: new Set(queues.map((q) => q.name)), flowLogGroups };
}
