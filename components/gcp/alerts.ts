/**
 * The three alert policies every consumer gets, as plain data: a Cloud Run 5xx ratio, the age of
 * the oldest unacknowledged event, and any dead-lettered event. Each says what to do about it.
 */
import type { AlertingConfig } from "../config";

/** One time-series aggregation step of a condition. */
export interface Aggregation {
  readonly alignmentPeriod: string;
  readonly perSeriesAligner: "ALIGN_DELTA" | "ALIGN_MAX";
  readonly crossSeriesReducer: "REDUCE_SUM" | "REDUCE_MAX";
  readonly groupByFields: string[];
}

/** A threshold condition; with a denominator it compares the ratio of the two series. */
export interface ThresholdCondition {
  readonly filter: string;
  readonly aggregations: Aggregation[];
  readonly denominatorFilter?: string;
  readonly denominatorAggregations?: Aggregation[];
  readonly comparison: "COMPARISON_GT";
  readonly thresholdValue: number;
  readonly duration: string;
  readonly trigger: { readonly count: number };
  readonly evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE";
}

/** The inputs of a `gcp.monitoring.AlertPolicy`, less project, channels and labels. */
export interface AlertSpec {
  readonly displayName: string;
  readonly severity: "ERROR" | "WARNING";
  readonly combiner: "OR" | "AND";
  readonly conditions: {
    readonly displayName: string;
    readonly conditionThreshold: ThresholdCondition;
  }[];
  readonly documentation: {
    readonly subject: string;
    readonly content: string;
    readonly mimeType: "text/markdown";
  };
  readonly alertStrategy: { readonly autoClose: string };
}

/** What the alerts of one consumer refer to. */
export interface ConsumerAlertInput {
  readonly consumer: string;
  readonly stack: string;
  readonly project: string;
  readonly region: string;
  /** Cloud Run service name. */
  readonly service: string;
  /** Push subscription id. */
  readonly subscription: string;
  readonly deadLetterSubscription: string;
  /** Events topic id. */
  readonly topic: string;
  readonly maxDeliveryAttempts: number;
  readonly maxInstances: number;
  readonly alerting: AlertingConfig;
}

/** The alert policies of one consumer. */
export interface ConsumerAlertSpecs {
  readonly errorRatio: AlertSpec;
  readonly backlogAge: AlertSpec;
  readonly deadLetters: AlertSpec;
}

export const METRICS = {
  requestCount: "run.googleapis.com/request_count",
  oldestUnackedAge: "pubsub.googleapis.com/subscription/oldest_unacked_message_age",
  deadLetterCount: "pubsub.googleapis.com/subscription/dead_letter_message_count",
  undelivered: "pubsub.googleapis.com/subscription/num_undelivered_messages",
} as const;

/**
 * Requests a service must have answered in the window before its 5xx ratio can page: one failed
 * request out of one is a 100% ratio, not an incident.
 */
export const ERROR_ALERT_MIN_REQUESTS = 20;

/**
 * How long the backlog age must stay over the threshold before the alert fires, so one slow
 * delivery or a retry's backoff does not page; a consumer that is down or falling behind keeps it
 * there. The metric counts only messages still to be delivered: "Pub/Sub automatically
 * acknowledges the messages that don't match the filter"
 * (https://cloud.google.com/pubsub/docs/filtering; `filter` in @pulumi/gcp pubsub/subscription.d.ts).
 */
export const BACKLOG_ALERT_DURATION = "300s";

const q = (s: string) => JSON.stringify(s);

/** One name (`"a"`), or any of a list (`one_of("a", "b")`), as a filter's right-hand side. */
const oneOrAny = (names: string | readonly string[]) =>
  typeof names === "string" ? q(names) : `one_of(${names.map(q).join(", ")})`;

/** Cloud Run requests served by one service (or any of several); `codeClass` narrows to e.g. `5xx`. */
export function requestFilter(service: string | readonly string[], codeClass?: string): string {
  const base = `metric.type = ${q(METRICS.requestCount)} AND resource.type = "cloud_run_revision" AND resource.label.service_name = ${oneOrAny(service)}`;
  return codeClass === undefined
    ? base
    : `${base} AND metric.label.response_code_class = ${q(codeClass)}`;
}

/** A Pub/Sub subscription metric of one subscription (or any of several). */
export function subscriptionFilter(
  metric: string,
  subscription: string | readonly string[],
): string {
  return `metric.type = ${q(metric)} AND resource.type = "pubsub_subscription" AND resource.label.subscription_id = ${oneOrAny(subscription)}`;
}

const threshold = (
  c: Omit<ThresholdCondition, "comparison" | "duration" | "trigger" | "evaluationMissingData">,
  duration = "0s",
): ThresholdCondition => ({
  ...c,
  comparison: "COMPARISON_GT",
  duration,
  trigger: { count: 1 },
  evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
});

const title = (a: ConsumerAlertInput, what: string) =>
  `eventstack ${a.stack}/${a.consumer}: ${what}`;

/** The alert policies of one consumer, thresholds from the alerting config. */
export function consumerAlertSpecs(a: ConsumerAlertInput): ConsumerAlertSpecs {
  const { errorRatePercent, windowMinutes, maxProcessingDelaySeconds } = a.alerting;
  const window: Aggregation = {
    alignmentPeriod: `${windowMinutes * 60}s`,
    perSeriesAligner: "ALIGN_DELTA",
    crossSeriesReducer: "REDUCE_SUM",
    groupByFields: ["resource.label.service_name"],
  };
  const where = `--project=${a.project}`;
  const errorsWhat = `5xx responses > ${errorRatePercent}% of more than ${ERROR_ALERT_MIN_REQUESTS} requests over ${windowMinutes} min`;
  const backlogWhat = `oldest undelivered event older than ${maxProcessingDelaySeconds} s`;
  const deadWhat = "events dead-lettered";
  return {
    errorRatio: {
      displayName: title(a, errorsWhat),
      severity: "ERROR",
      // Both: the ratio is over the threshold and the window holds enough requests to be a rate.
      combiner: "AND",
      conditions: [
        {
          displayName: `5xx ratio of ${a.service}`,
          conditionThreshold: threshold({
            filter: requestFilter(a.service, "5xx"),
            aggregations: [window],
            denominatorFilter: requestFilter(a.service),
            denominatorAggregations: [window],
            thresholdValue: errorRatePercent / 100,
          }),
        },
        {
          displayName: `more than ${ERROR_ALERT_MIN_REQUESTS} requests to ${a.service} in the window`,
          conditionThreshold: threshold({
            filter: requestFilter(a.service),
            aggregations: [window],
            thresholdValue: ERROR_ALERT_MIN_REQUESTS,
          }),
        },
      ],
      documentation: doc(title(a, errorsWhat), [
        `Cloud Run service \`${a.service}\` (${a.region}) answers more than ${errorRatePercent}% of pushed events with a 5xx. Pub/Sub redelivers them with backoff and dead-letters an event after ${a.maxDeliveryAttempts} attempts, so nothing is lost yet.`,
        "1. Read the errors: " +
          `\`gcloud logging read 'resource.type="cloud_run_revision" AND resource.labels.service_name="${a.service}" AND severity>=ERROR' ${where} --freshness=1h\``,
        `2. If a new revision caused it, roll back: \`gcloud run revisions list --service=${a.service} --region=${a.region} ${where}\`, then \`gcloud run services update-traffic ${a.service} --to-revisions=<previous-revision>=100 --region=${a.region} ${where}\`.`,
        "3. If a backend the consumer calls is failing, fix or scale it; redeliveries then succeed on their own.",
      ]),
      alertStrategy: { autoClose: "1800s" },
    },
    backlogAge: {
      displayName: title(a, backlogWhat),
      severity: "WARNING",
      combiner: "OR",
      conditions: [
        {
          displayName: `oldest unacked event in ${a.subscription}`,
          conditionThreshold: threshold(
            {
              filter: subscriptionFilter(METRICS.oldestUnackedAge, a.subscription),
              aggregations: [
                {
                  alignmentPeriod: "60s",
                  perSeriesAligner: "ALIGN_MAX",
                  crossSeriesReducer: "REDUCE_MAX",
                  groupByFields: ["resource.label.subscription_id"],
                },
              ],
              thresholdValue: maxProcessingDelaySeconds,
            },
            BACKLOG_ALERT_DURATION,
          ),
        },
      ],
      documentation: doc(title(a, backlogWhat), [
        `Subscription \`${a.subscription}\` has held an unacknowledged event older than ${maxProcessingDelaySeconds} s for ${Number.parseInt(BACKLOG_ALERT_DURATION, 10) / 60} minutes: consumer \`${a.consumer}\` is failing or not keeping up. (The metric is the age of the oldest message on the subscription that has not been acknowledged; Pub/Sub acknowledges the messages its filter drops by itself, so they do not count.)`,
        `1. If the 5xx alert of this consumer is open too, follow it first: the events are being retried.`,
        `2. Otherwise check capacity: the service scales to ${a.maxInstances} instances; \`gcloud run services describe ${a.service} --region=${a.region} ${where}\` shows the limits. Raise \`maxInstances\` or \`concurrency\` in the stack config if the instances are saturated.`,
        `3. See the backlog: \`gcloud pubsub subscriptions describe ${a.subscription} ${where}\` and the eventstack dashboard.`,
      ]),
      alertStrategy: { autoClose: "1800s" },
    },
    deadLetters: {
      displayName: title(a, deadWhat),
      severity: "ERROR",
      combiner: "OR",
      conditions: [
        {
          displayName: `events forwarded from ${a.subscription} to the dead-letter topic`,
          conditionThreshold: threshold({
            filter: subscriptionFilter(METRICS.deadLetterCount, a.subscription),
            aggregations: [
              {
                alignmentPeriod: "60s",
                perSeriesAligner: "ALIGN_DELTA",
                crossSeriesReducer: "REDUCE_SUM",
                groupByFields: ["resource.label.subscription_id"],
              },
            ],
            thresholdValue: 0,
          }),
        },
        {
          // Keeps the incident open until the dead letters have been handled.
          displayName: `dead letters waiting in ${a.deadLetterSubscription}`,
          conditionThreshold: threshold({
            filter: subscriptionFilter(METRICS.undelivered, a.deadLetterSubscription),
            aggregations: [
              {
                alignmentPeriod: "60s",
                perSeriesAligner: "ALIGN_MAX",
                crossSeriesReducer: "REDUCE_MAX",
                groupByFields: ["resource.label.subscription_id"],
              },
            ],
            thresholdValue: 0,
          }),
        },
      ],
      documentation: doc(title(a, deadWhat), [
        `Events failed ${a.maxDeliveryAttempts} delivery attempts to consumer \`${a.consumer}\` and were moved to the dead-letter subscription \`${a.deadLetterSubscription}\`, which keeps them 7 days.`,
        `1. Look at them, with why they failed, without removing them: \`npm run dlq -- list --stack ${a.stack} --consumer ${a.consumer}\` (one in full: \`npm run dlq -- show --stack ${a.stack} --consumer ${a.consumer} --id <ce-id>\`; README, "Operating dead letters").`,
        `2. Find why they failed in the consumer's logs: \`gcloud logging read 'resource.labels.service_name="${a.service}" AND severity>=WARNING' ${where} --freshness=1d\`.`,
        `3. After fixing the cause, redrive them to \`${a.topic}\` with their attributes and ordering keys: \`npm run dlq -- redrive --stack ${a.stack} --consumer ${a.consumer}\` shows what it would do; add \`--yes\` to publish and acknowledge. The incident closes once \`${a.deadLetterSubscription}\` is empty.`,
      ]),
      alertStrategy: { autoClose: "1800s" },
    },
  };
}

function doc(subject: string, lines: readonly string[]): AlertSpec["documentation"] {
  return { subject, content: lines.join("\n\n"), mimeType: "text/markdown" };
}
