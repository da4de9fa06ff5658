import assert from "node:assert/strict";
import {
  BACKLOG_ALERT_DURATION,
  consumerAlertSpecs,
  ERROR_ALERT_MIN_REQUESTS,
  type ConsumerAlertInput,
} from "../../../components/gcp/alerts";

const input: ConsumerAlertInput = {
  consumer: "orders",
  stack: "dev",
  project: "acme-events-dev",
  region: "europe-west1",
  service: "eventstack-dev-orders",
  subscription: "eventstack-dev-orders-push",
  deadLetterSubscription: "eventstack-dev-orders-dlq-sub",
  topic: "eventstack-dev-events",
  maxDeliveryAttempts: 5,
  maxInstances: 100,
  alerting: {
    email: "oncall@example.com",
    errorRatePercent: 5,
    windowMinutes: 5,
    maxProcessingDelaySeconds: 60,
  },
};

const only = <T>(items: readonly T[]): T => {
  assert.equal(items.length, 1);
  return items[0] as T;
};

describe("gcp alerts", () => {
  describe("5xx ratio", () => {
    const { errorRatio } = consumerAlertSpecs(input);
    const [ratio, volume] = errorRatio.conditions;
    assert.ok(ratio && volume && errorRatio.conditions.length === 2);
    const c = ratio.conditionThreshold;

    it("fires only on a rate: the ratio AND more than 20 requests in the window (not 1 failure of 1)", () => {
      assert.equal(errorRatio.combiner, "AND");
      assert.equal(ERROR_ALERT_MIN_REQUESTS, 20);
      assert.equal(volume.conditionThreshold.filter, c.denominatorFilter);
      assert.equal(volume.conditionThreshold.denominatorFilter, undefined);
      assert.deepEqual(volume.conditionThreshold.aggregations, c.aggregations);
      assert.equal(volume.conditionThreshold.comparison, "COMPARISON_GT");
      assert.equal(volume.conditionThreshold.thresholdValue, 20);
    });

    it("divides the service's 5xx responses by all its responses", () => {
      assert.equal(
        c.filter,
        'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" AND resource.label.service_name = "eventstack-dev-orders" AND metric.label.response_code_class = "5xx"',
      );
      assert.equal(
        c.denominatorFilter,
        'metric.type = "run.googleapis.com/request_count" AND resource.type = "cloud_run_revision" AND resource.label.service_name = "eventstack-dev-orders"',
      );
    });

    it("sums both over the 5-minute window with the same grouping, as a ratio needs", () => {
      const window = {
        alignmentPeriod: "300s",
        perSeriesAligner: "ALIGN_DELTA",
        crossSeriesReducer: "REDUCE_SUM",
        groupByFields: ["resource.label.service_name"],
      };
      assert.deepEqual(c.aggregations, [window]);
      assert.deepEqual(c.denominatorAggregations, [window]);
    });

    it("fires above 5 %", () => {
      assert.equal(c.comparison, "COMPARISON_GT");
      assert.equal(c.thresholdValue, 0.05);
      assert.equal(c.duration, "0s");
      assert.deepEqual(c.trigger, { count: 1 });
    });

    it("follows the configured rate and window", () => {
      const spec = consumerAlertSpecs({
        ...input,
        alerting: { ...input.alerting, errorRatePercent: 12, windowMinutes: 15 },
      }).errorRatio;
      const t = spec.conditions[0]?.conditionThreshold;
      assert.ok(t);
      assert.equal(t.thresholdValue, 0.12);
      assert.equal(t.aggregations[0]?.alignmentPeriod, "900s");
      assert.equal(t.denominatorAggregations?.[0]?.alignmentPeriod, "900s");
      assert.match(spec.displayName, /> 12% of more than 20 requests over 15 min/);
    });
  });

  it("fires the backlog alert when the oldest unacknowledged event is older than 60 s", () => {
    const c = only(consumerAlertSpecs(input).backlogAge.conditions).conditionThreshold;
    // Sustained for 5 minutes: a short spike of filtered-out messages awaiting Pub/Sub's own
    // acknowledgement does not page.
    assert.equal(c.duration, BACKLOG_ALERT_DURATION);
    assert.equal(BACKLOG_ALERT_DURATION, "300s");
    assert.equal(
      c.filter,
      'metric.type = "pubsub.googleapis.com/subscription/oldest_unacked_message_age" AND resource.type = "pubsub_subscription" AND resource.label.subscription_id = "eventstack-dev-orders-push"',
    );
    assert.deepEqual(c.aggregations, [
      {
        alignmentPeriod: "60s",
        perSeriesAligner: "ALIGN_MAX",
        crossSeriesReducer: "REDUCE_MAX",
        groupByFields: ["resource.label.subscription_id"],
      },
    ]);
    assert.equal(c.comparison, "COMPARISON_GT");
    assert.equal(c.thresholdValue, 60);
    assert.equal(c.denominatorFilter, undefined);
  });

  it("fires the dead-letter alert on any event forwarded to the dead-letter topic", () => {
    const [forwarded] = consumerAlertSpecs(input).deadLetters.conditions;
    const c = forwarded?.conditionThreshold;
    assert.ok(c !== undefined);
    assert.equal(
      c.filter,
      'metric.type = "pubsub.googleapis.com/subscription/dead_letter_message_count" AND resource.type = "pubsub_subscription" AND resource.label.subscription_id = "eventstack-dev-orders-push"',
    );
    assert.deepEqual(c.aggregations, [
      {
        alignmentPeriod: "60s",
        perSeriesAligner: "ALIGN_DELTA",
        crossSeriesReducer: "REDUCE_SUM",
        groupByFields: ["resource.label.subscription_id"],
      },
    ]);
    assert.equal(c.comparison, "COMPARISON_GT");
    assert.equal(c.thresholdValue, 0);
  });

  it("keeps the dead-letter alert open while dead letters wait in the dead-letter subscription", () => {
    const conditions = consumerAlertSpecs(input).deadLetters.conditions;
    assert.equal(conditions.length, 2);
    const c = conditions[1]?.conditionThreshold;
    assert.equal(
      c?.filter,
      'metric.type = "pubsub.googleapis.com/subscription/num_undelivered_messages" AND resource.type = "pubsub_subscription" AND resource.label.subscription_id = "eventstack-dev-orders-dlq-sub"',
    );
    assert.deepEqual(c?.aggregations, [
      {
        alignmentPeriod: "60s",
        perSeriesAligner: "ALIGN_MAX",
        crossSeriesReducer: "REDUCE_MAX",
        groupByFields: ["resource.label.subscription_id"],
      },
    ]);
    assert.equal(c?.comparison, "COMPARISON_GT");
    assert.equal(c?.thresholdValue, 0);
  });

  describe("documentation says what to do, with the real names", () => {
    const specs = consumerAlertSpecs(input);
    const cases: [keyof typeof specs, string[]][] = [
      [
        "errorRatio",
        ["gcloud logging read", "eventstack-dev-orders", "update-traffic", "5 attempts"],
      ],
      ["backlogAge", ["eventstack-dev-orders-push", "100 instances", "maxInstances"]],
      [
        "deadLetters",
        [
          "npm run dlq -- list --stack dev --consumer orders",
          "npm run dlq -- redrive --stack dev --consumer orders",
          "7 days",
          "eventstack-dev-events",
        ],
      ],
    ];
    for (const [key, phrases] of cases) {
      it(key, () => {
        const docs = specs[key].documentation;
        assert.equal(docs.mimeType, "text/markdown");
        assert.equal(docs.subject, specs[key].displayName);
        for (const phrase of phrases)
          assert.ok(docs.content.includes(phrase), `${key} lacks ${phrase}`);
      });
    }
  });

  it("lets missing data count as healthy and closes incidents after 30 minutes", () => {
    for (const [key, spec] of Object.entries(consumerAlertSpecs(input))) {
      assert.equal(spec.combiner, key === "errorRatio" ? "AND" : "OR");
      assert.deepEqual(spec.alertStrategy, { autoClose: "1800s" });
      for (const c of spec.conditions) {
        assert.equal(
          c.conditionThreshold.evaluationMissingData,
          "EVALUATION_MISSING_DATA_INACTIVE",
        );
      }
    }
  });
});
