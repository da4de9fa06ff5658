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
  readonly stat: "Sum" | "Maximum";
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
  readonly names: ConsumerNames;
  readonly busName: string;
  readonly reservedConcurrency: number;
  readonly alerting: AlertingConfig;
}

const MINUTE = 60;

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

/** The alarms that watch one consumer: its function, its rule and its dead-letter queue. */
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
  const p = n.alarmPrefix;
  return [
    alarm(p, "error-rate", {
      title: `${n.consumer}: error rate (%)`,
      description: `More than ${alerting.errorRatePercent}% of ${n.function} invocations failed over ${alerting.windowMinutes} min. Find the failing event ids in log group ${n.logGroup}; failed events are retried, then sent to ${n.deadLetterQueue}. Fix the handler or its backend, then redrive the dead-lettered events.`,
      source: {
        id: "rate",
        expression: "100 * errors / invocations",
        label: "Error rate (%)",
        inputs: { errors: lambda("Errors", "Sum"), invocations: lambda("Invocations", "Sum") },
      },
      periodSeconds: window,
      evaluationPeriods: 1,
      threshold: alerting.errorRatePercent,
    }),
    alarm(p, "event-age", {
      title: `${n.consumer}: async event age (ms)`,
      description: `Events waited more than ${alerting.maxProcessingDelaySeconds} s before ${n.function} processed them. Check its Throttles (reserved concurrency ${input.reservedConcurrency}) and Duration; raise reservedConcurrency or speed up the handler's downstream calls.`,
      source: lambda("AsyncEventAge", "Maximum"),
      periodSeconds: window,
      evaluationPeriods: 1,
      threshold: alerting.maxProcessingDelaySeconds * 1000,
    }),
    alarm(p, "dlq-depth", {
      title: `${n.consumer}: dead-letter queue depth`,
      description: `Events for ${n.consumer} are waiting in dead-letter queue ${n.deadLetterQueue}. Read a message (its attributes or invocation record name the error), fix the cause, then put the events back on bus ${input.busName} and delete them from the queue.`,
      ...anyInAMinute(queueDepth(n.deadLetterQueue)),
    }),
    alarm(p, "destination-failures", {
      title: `${n.consumer}: on-failure destination delivery failures`,
      description: `Lambda could not write failed invocations of ${n.function} to ${n.deadLetterQueue}; those events are lost. Check the role's sqs:SendMessage and kms permissions and the queue's policy, then replay the lost events from the bus archive.`,
      ...anyInAMinute(lambda("DestinationDeliveryFailures", "Sum")),
    }),
    alarm(p, "rule-failed-invocations", {
      title: `${n.consumer}: rule failed invocations`,
      description: `EventBridge could not invoke ${n.function} for rule ${n.rule} after its retries. Check that the function exists, its resource policy allows events.amazonaws.com for the rule, and it is not throttled; the events are in ${n.deadLetterQueue}.`,
      ...anyInAMinute(events("FailedInvocations")),
    }),
    alarm(p, "rule-sent-to-dlq", {
      title: `${n.consumer}: events sent to dead-letter queue`,
      description: `EventBridge gave up delivering events of rule ${n.rule} and sent them to ${n.deadLetterQueue}. Read the ERROR_CODE and ERROR_MESSAGE attributes of the messages, fix the cause, then redrive them to bus ${input.busName}.`,
      ...anyInAMinute(events("InvocationsSentToDlq")),
    }),
    alarm(p, "rule-dlq-failures", {
      title: `${n.consumer}: events lost (dead-letter delivery failed)`,
      description: `EventBridge could not write undeliverable events of rule ${n.rule} to ${n.deadLetterQueue}; they are lost. Check the queue exists, its policy allows the rule and its key allows EventBridge, then replay the events from the bus archive.`,
      ...anyInAMinute(events("InvocationsFailedToBeSentToDlq")),
    }),
  ];
}

/** Inputs of the bus's alarms. */
export interface BusAlarmInput {
  readonly alarmPrefix: string;
  readonly busName: string;
  readonly deadLetterQueue: string;
}

/** The bus's own dead-letter queue receives events it could not encrypt or decrypt. */
export function busAlarms(input: BusAlarmInput): AlarmDefinition[] {
  return [
    alarm(input.alarmPrefix, "dlq-depth", {
      title: "Bus: dead-letter queue depth",
      description: `Bus ${input.busName} could not encrypt or decrypt events and sent them to ${input.deadLetterQueue}. Check that the bus's KMS key is enabled and its policy still allows EventBridge, then put the events back on the bus.`,
      ...anyInAMinute(queueDepth(input.deadLetterQueue)),
    }),
  ];
}
