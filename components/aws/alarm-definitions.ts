/**
 * What is watched and when someone is woken up: the alarm definitions per consumer and for the
 * bus, as plain data. The alarms and the dashboard are both drawn from these, so they show the
 * same figures.
 */
import type { AlertingConfig } from "../config";
import type { ConsumerNames } from "./names";

/** One CloudWatch metric. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: "Sum" | "Maximum" | "SampleCount";
}

/** A metric-math expression over named metrics. */
export interface ExpressionSpec {
  readonly id: string;
  readonly expression: string;
  readonly label: string;
  readonly inputs: Readonly<Record<string, MetricSpec>>;
}

/** One alarm, independent of Pulumi. */
export interface AlarmDefinition {
  /** Short kind, e.g. `error-rate`; the alarm is named `<prefix>-<kind>`. */
  readonly kind: string;
  readonly name: string;
  /** Dashboard widget title. */
  readonly title: string;
  /** What happened and what to do about it. */
  readonly description: string;
  readonly source: MetricSpec | ExpressionSpec;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparisonOperator: "GreaterThanThreshold";
  /** Quiet periods (no invocations, no failures) are healthy, not alarming. */
  readonly treatMissingData: "notBreaching";
}

/** Whether a definition is a metric-math expression. */
export function isExpression(source: MetricSpec | ExpressionSpec): source is ExpressionSpec {
  return "expression" in source;
}

/** Inputs of a consumer's alarms. */
export interface ConsumerAlarmInput {
  /** The Pulumi stack (`config.stack`), named in the `npm run dlq -- --stack` commands. */
  readonly stack: string;
  readonly names: ConsumerNames;
  readonly busName: string;
  /** Undefined: the function shares the account's unreserved concurrency. */
  readonly reservedConcurrency: number | undefined;
  /** The function's timeout in seconds (`timeoutSeconds`), named in the crash alarm's text. */
  readonly timeoutSeconds: number;
  /** The delivery queue's visibility timeout: how long a failed record waits to be retried. */
  readonly visibilityTimeoutSeconds: number;
  readonly alerting: AlertingConfig;
}

/**
 * Events a window must hold before its error rate counts: one failure among three events is not
 * a 33% incident.
 */
export const ERROR_RATE_MIN_EVENTS = 10;

/**
 * SQS stops counting a message in `ApproximateAgeOfOldestMessage` once it has been received three
 * times ("Available CloudWatch metrics for Amazon SQS",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html),
 * so ordinary retries add at most two visibility timeouts to it.
 */
export const COUNTED_RETRIES = 2;

const MINUTE = 60;

/** The `--consumer` of `npm run dlq` that selects the bus's own dead-letter queue (app/dlq/outputs.ts). */
const BUS_DEAD_LETTERS = "bus";

function alarm(
  prefix: string,
  kind: string,
  rest: Omit<AlarmDefinition, "kind" | "name" | "comparisonOperator" | "treatMissingData">,
): AlarmDefinition {
  return {
    kind,
    name: `${prefix}-${kind}`,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    ...rest,
  };
}

function anyInAMinute(
  metric: MetricSpec,
): Pick<AlarmDefinition, "source" | "periodSeconds" | "evaluationPeriods" | "threshold"> {
  return { source: metric, periodSeconds: MINUTE, evaluationPeriods: 1, threshold: 0 };
}

/** How many messages wait in an SQS queue. */
function queueDepth(queueName: string): MetricSpec {
  return {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queueName },
    stat: "Maximum",
  };
}

/** The alarms that watch one consumer: its function, its queues and its rule. */
export function consumerAlarms(input: ConsumerAlarmInput): AlarmDefinition[] {
  const { names: n, alerting } = input;
  const window = alerting.windowMinutes * MINUTE;
  const fn = { FunctionName: n.function };
  const rule = { EventBusName: input.busName, RuleName: n.rule };
  const lambda = (metricName: string, stat: MetricSpec["stat"]): MetricSpec => ({
    namespace: "AWS/Lambda",
    metricName,
    dimensions: fn,
    stat,
  });
  const events = (metricName: string): MetricSpec => ({
    namespace: "AWS/Events",
    metricName,
    dimensions: rule,
    stat: "Sum",
  });
  // The handler's EMF metrics (app/lambda/emf.ts) count each record, failed or not: with partial
  // batch responses a failed record is not a Lambda error.
  const handled = (metricName: string, stat: MetricSpec["stat"]): MetricSpec => ({
    namespace: "eventstack",
    metricName,
    dimensions: { consumer: n.consumer },
    stat,
  });
  const retryDelay = COUNTED_RETRIES * input.visibilityTimeoutSeconds;
  const concurrency =
    input.reservedConcurrency === undefined
      ? "no reserved concurrency, so the account's unreserved pool"
      : `reserved concurrency ${input.reservedConcurrency}`;
  const dlq = (verb: string) => dlqCommand(verb, input.stack, n.consumer);
  const redrive = `Inspect them with why they failed: ${dlq("list")} (EventBridge delivery failures, queue redrives, Lambda on-failure records and "Encrypted Events", which it decrypts as the operator role). After fixing the cause: ${dlq("redrive")} (a dry run; add --yes to put the events back on bus ${input.busName} and delete only what was put). README, "Operating dead letters".`;
  const p = n.alarmPrefix;
  return [
    alarm(p, "error-rate", {
      title: `${n.consumer}: error rate (%)`,
      description: `More than ${alerting.errorRatePercent}% of the events ${n.function} handled failed over ${alerting.windowMinutes} min (windows with fewer than ${ERROR_RATE_MIN_EVENTS} events do not count). Find the failing event ids in log group ${n.logGroup}; failed events are retried, then sent to ${n.deadLetterQueue}. Fix the handler or its backend, then redrive the dead-lettered events.`,
      source: {
        id: "rate",
        expression: `IF(handled >= ${ERROR_RATE_MIN_EVENTS}, 100 * failed / handled, 0)`,
        label: "Error rate (%)",
        inputs: {
          failed: handled("failed", "Sum"),
          handled: handled("processing_time", "SampleCount"),
        },
      },
      periodSeconds: window,
      evaluationPeriods: 1,
      threshold: alerting.errorRatePercent,
    }),
    // With partial batch responses a failing record is reported, not thrown: AWS/Lambda Errors
    // counts only invocations that crashed, timed out or ran out of memory, each of which returns
    // the whole batch to the queue ("Monitoring functions: Types of metrics",
    // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html; "Handling errors
    // for an SQS event source", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
    alarm(p, "function-errors", {
      title: `${n.consumer}: function errors (crashes, timeouts)`,
      description: `${n.function} crashed, timed out (limit ${input.timeoutSeconds} s) or ran out of memory; every record of those batches returns to ${n.queue} and is retried. Find the Task timed out, Runtime.* or out-of-memory lines in log group ${n.logGroup}; raise timeoutSeconds or memoryMb, or fix the handler.`,
      source: lambda("Errors", "Sum"),
      periodSeconds: window,
      evaluationPeriods: 1,
      threshold: 0,
    }),
    alarm(p, "event-age", {
      title: `${n.consumer}: oldest queued event (s)`,
      description: `An event waited in ${n.queue} more than ${alerting.maxProcessingDelaySeconds} s beyond its ordinary retries (${COUNTED_RETRIES} × the ${input.visibilityTimeoutSeconds} s visibility timeout). Check ${n.function}'s Throttles (${concurrency}), Duration and failing records; raise reservedConcurrency or speed up the handler's downstream calls.`,
      source: {
        namespace: "AWS/SQS",
        metricName: "ApproximateAgeOfOldestMessage",
        dimensions: { QueueName: n.queue },
        stat: "Maximum",
      },
      periodSeconds: window,
      evaluationPeriods: 1,
      threshold: alerting.maxProcessingDelaySeconds + retryDelay,
    }),
    alarm(p, "dlq-depth", {
      title: `${n.consumer}: dead-letter queue depth`,
      description: `Events for ${n.consumer} are waiting in dead-letter queue ${n.deadLetterQueue}. Fix the cause first. ${redrive}`,
      ...anyInAMinute(queueDepth(n.deadLetterQueue)),
    }),
    alarm(p, "destination-failures", {
      title: `${n.consumer}: on-failure destination delivery failures`,
      description: `Lambda could not write failed invocations of ${n.function} to ${n.deadLetterQueue}; those events are lost. Check the role's sqs:SendMessage and kms permissions and the queue's policy, then replay the lost events from the bus archive.`,
      ...anyInAMinute(lambda("DestinationDeliveryFailures", "Sum")),
    }),
    alarm(p, "rule-failed-invocations", {
      title: `${n.consumer}: rule failed invocations`,
      description: `EventBridge could not put events of rule ${n.rule} on queue ${n.queue} after its retries. Check that the queue exists, its policy allows events.amazonaws.com for the rule and its key allows EventBridge; the events are in ${n.deadLetterQueue}.`,
      ...anyInAMinute(events("FailedInvocations")),
    }),
    alarm(p, "rule-sent-to-dlq", {
      title: `${n.consumer}: events sent to dead-letter queue`,
      description: `EventBridge gave up delivering events of rule ${n.rule} and sent them to ${n.deadLetterQueue}. Read the ERROR_CODE and ERROR_MESSAGE attributes of the messages and fix the cause. ${redrive}`,
      ...anyInAMinute(events("InvocationsSentToDlq")),
    }),
    alarm(p, "rule-dlq-failures", {
      title: `${n.consumer}: events lost (dead-letter delivery failed)`,
      description: `EventBridge could not write undeliverable events of rule ${n.rule} to ${n.deadLetterQueue}; they are lost. Check the queue exists, its policy allows the rule and its key allows EventBridge, then replay the events from the bus archive.`,
      ...anyInAMinute(events("InvocationsFailedToBeSentToDlq")),
    }),
  ];
}

/** The runbook's `npm run dlq` command for one consumer's (or the bus's) dead letters. */
function dlqCommand(verb: string, stack: string, consumer: string): string {
  return `npm run dlq -- ${verb} --stack ${stack} --consumer ${consumer}`;
}

/** Inputs of the bus's alarms. */
export interface BusAlarmInput {
  /** The Pulumi stack (`config.stack`), named in the `npm run dlq -- --stack` commands. */
  readonly stack: string;
  readonly alarmPrefix: string;
  readonly busName: string;
  readonly deadLetterQueue: string;
}

/** The bus's own dead-letter queue receives events it could not encrypt or decrypt. */
export function busAlarms(input: BusAlarmInput): AlarmDefinition[] {
  return [
    alarm(input.alarmPrefix, "dlq-depth", {
      title: "Bus: dead-letter queue depth",
      description: `Bus ${input.busName} could not encrypt or decrypt events and sent them to ${input.deadLetterQueue}. Check that the bus's KMS key is enabled and its policy still allows EventBridge. Inspect them: ${dlqCommand("list", input.stack, BUS_DEAD_LETTERS)}; then put them back on the bus: ${dlqCommand("redrive", input.stack, BUS_DEAD_LETTERS)} (a dry run; add --yes). README, "Operating dead letters".`,
      ...anyInAMinute(queueDepth(input.deadLetterQueue)),
    }),
  ];
}
