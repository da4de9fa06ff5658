import assert from "node:assert/strict";
import {
  busAlarms,
  consumerAlarms,
  ERROR_RATE_MIN_EVENTS,
  type AlarmDefinition,
} from "../../../components/aws/alarm-definitions";
import { platformNames } from "../../../components/aws/names";
import { parseDlqArgs } from "../../../app/dlq/args";
import { BUS_CONSUMER } from "../../../app/dlq/outputs";

const names = platformNames("eventstack", "prod").consumer("orders");
const alerting = {
  email: "oncall@example.com",
  errorRatePercent: 5,
  windowMinutes: 5,
  maxProcessingDelaySeconds: 60,
};
const alarms = consumerAlarms({
  stack: "prod",
  names,
  busName: "eventstack-prod",
  reservedConcurrency: 100,
  timeoutSeconds: 300,
  visibilityTimeoutSeconds: 1800,
  alerting,
});
const byKind = (kind: string): AlarmDefinition => {
  const found = alarms.find((a) => a.kind === kind);
  assert.ok(found, `no ${kind} alarm`);
  return found;
};
const rule = { EventBusName: "eventstack-prod", RuleName: "eventstack-prod-orders" };

describe("aws alarm definitions", () => {
  it("watches the function, the rule and the dead-letter queue of a consumer", () => {
    assert.deepEqual(
      alarms.map((a) => a.name),
      [
        "eventstack-prod-orders-error-rate",
        "eventstack-prod-orders-function-errors",
        "eventstack-prod-orders-event-age",
        "eventstack-prod-orders-dlq-depth",
        "eventstack-prod-orders-destination-failures",
        "eventstack-prod-orders-rule-failed-invocations",
        "eventstack-prod-orders-rule-sent-to-dlq",
        "eventstack-prod-orders-rule-dlq-failures",
      ],
    );
  });

  it("alarms when more than 5% of the handled events fail over 5 minutes, from the handler's EMF counts and only with 10 or more events", () => {
    const a = byKind("error-rate");
    const consumer = { consumer: "orders" };
    assert.deepEqual(a.source, {
      id: "rate",
      expression: "IF(handled >= 10, 100 * failed / handled, 0)",
      label: "Error rate (%)",
      inputs: {
        failed: {
          namespace: "eventstack",
          metricName: "failed",
          dimensions: consumer,
          stat: "Sum",
        },
        handled: {
          namespace: "eventstack",
          metricName: "processing_time",
          dimensions: consumer,
          stat: "SampleCount",
        },
      },
    });
    assert.equal(ERROR_RATE_MIN_EVENTS, 10);
    assert.equal(a.periodSeconds, 300);
    assert.equal(a.evaluationPeriods, 1);
    assert.equal(a.threshold, 5);
    assert.equal(a.comparisonOperator, "GreaterThanThreshold");
  });

  it("alarms on any AWS/Lambda Errors of the function (crash, timeout, out of memory) over the window", () => {
    const a = byKind("function-errors");
    assert.deepEqual(a.source, {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: "eventstack-prod-orders" },
      stat: "Sum",
    });
    assert.deepEqual([a.threshold, a.periodSeconds, a.evaluationPeriods], [0, 300, 1]);
    assert.match(a.description, /timed out \(limit 300 s\)/);
    assert.match(a.description, /returns to eventstack-prod-orders-queue/);
  });

  it("alarms when the oldest queued event is 60 s past two ordinary retries (two visibility timeouts)", () => {
    const a = byKind("event-age");
    assert.deepEqual(a.source, {
      namespace: "AWS/SQS",
      metricName: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: "eventstack-prod-orders-queue" },
      stat: "Maximum",
    });
    // A record retried once or twice is 1800 or 3600 s old: no alarm for an ordinary retry.
    assert.equal(a.threshold, 60 + 2 * 1800);
    assert.ok(a.threshold > 2 * 1800);
    assert.equal(a.periodSeconds, 300);
  });

  it("names the exact dlq commands that read and redrive the dead letters", () => {
    for (const kind of ["dlq-depth", "rule-sent-to-dlq"]) {
      const d = byKind(kind).description;
      assert.ok(d.includes("npm run dlq -- list --stack prod --consumer orders"), kind);
      assert.ok(d.includes("npm run dlq -- redrive --stack prod --consumer orders"), kind);
      assert.match(d, /"Encrypted Events"/, kind);
      assert.match(d, /Operating dead letters/, kind);
    }
  });

  const anyOne: [string, string, Record<string, string>, string][] = [
    [
      "dlq-depth",
      "ApproximateNumberOfMessagesVisible",
      { QueueName: "eventstack-prod-orders-dlq" },
      "AWS/SQS",
    ],
    [
      "destination-failures",
      "DestinationDeliveryFailures",
      { FunctionName: "eventstack-prod-orders" },
      "AWS/Lambda",
    ],
    ["rule-failed-invocations", "FailedInvocations", rule, "AWS/Events"],
    ["rule-sent-to-dlq", "InvocationsSentToDlq", rule, "AWS/Events"],
    ["rule-dlq-failures", "InvocationsFailedToBeSentToDlq", rule, "AWS/Events"],
  ];
  for (const [kind, metricName, dimensions, namespace] of anyOne) {
    it(`alarms on any ${metricName} within a minute`, () => {
      const a = byKind(kind);
      assert.equal("expression" in a.source, false);
      assert.deepEqual(
        { ...a.source, stat: undefined },
        { namespace, metricName, dimensions, stat: undefined },
      );
      assert.equal(a.threshold, 0);
      assert.equal(a.periodSeconds, 60);
      assert.equal(a.evaluationPeriods, 1);
    });
  }

  it("treats missing data as healthy and says what to do, within CloudWatch's 1024-character limit", () => {
    for (const a of alarms) {
      assert.equal(a.treatMissingData, "notBreaching", a.name);
      assert.ok(a.description.length <= 1024, `${a.name}: ${a.description.length} characters`);
      assert.match(a.description, /\b(Check|Fix|Find|Read)\b/, a.name);
    }
  });

  it("follows the configured thresholds", () => {
    const custom = consumerAlarms({
      stack: "prod",
      names,
      busName: "eventstack-prod",
      reservedConcurrency: 20,
      timeoutSeconds: 300,
      visibilityTimeoutSeconds: 1800,
      alerting: {
        ...alerting,
        errorRatePercent: 12,
        windowMinutes: 15,
        maxProcessingDelaySeconds: 300,
      },
    });
    const rate = custom.find((a) => a.kind === "error-rate");
    const age = custom.find((a) => a.kind === "event-age");
    assert.deepEqual([rate?.threshold, rate?.periodSeconds], [12, 900]);
    assert.deepEqual([age?.threshold, age?.periodSeconds], [300 + 2 * 1800, 900]);
    assert.match(age?.description ?? "", /reserved concurrency 20/);
    const shared = consumerAlarms({
      stack: "prod",
      names,
      busName: "eventstack-prod",
      reservedConcurrency: undefined,
      timeoutSeconds: 60,
      visibilityTimeoutSeconds: 360,
      alerting,
    }).find((a) => a.kind === "event-age");
    assert.match(shared?.description ?? "", /no reserved concurrency/);
  });

  it("names the stack it was built for, in commands the dlq command line accepts", () => {
    const other = consumerAlarms({
      stack: "staging_eu.2",
      names: platformNames("eventstack", "staging_eu.2").consumer("orders"),
      busName: "eventstack-staging-eu-2",
      reservedConcurrency: undefined,
      timeoutSeconds: 60,
      visibilityTimeoutSeconds: 360,
      alerting,
    });
    const d = other.find((a) => a.kind === "dlq-depth")?.description ?? "";
    const commands = [...d.matchAll(/npm run dlq -- ([^(]+?) \(/g)].map((m) => m[1] ?? "");
    assert.deepEqual(commands, [
      "list --stack staging_eu.2 --consumer orders",
      "redrive --stack staging_eu.2 --consumer orders",
    ]);
    for (const command of commands) {
      const args = parseDlqArgs(command.split(" "));
      assert.deepEqual(args.from, { kind: "cli", stack: "staging_eu.2" });
      assert.equal(args.consumer, "orders");
    }
  });

  it("tells the bus's alarm the dlq commands for the bus's own queue, with the stack", () => {
    const [a] = busAlarms({
      stack: "prod",
      alarmPrefix: "eventstack-prod-bus",
      busName: "eventstack-prod",
      deadLetterQueue: "eventstack-prod-bus-dlq",
    });
    const d = a?.description ?? "";
    assert.ok(d.includes(`npm run dlq -- list --stack prod --consumer ${BUS_CONSUMER};`), d);
    assert.ok(d.includes(`npm run dlq -- redrive --stack prod --consumer ${BUS_CONSUMER} (`), d);
    assert.ok(d.length <= 1024, `${d.length} characters`);
  });

  it("watches the bus's own dead-letter queue", () => {
    const [a, ...rest] = busAlarms({
      stack: "prod",
      alarmPrefix: "eventstack-prod-bus",
      busName: "eventstack-prod",
      deadLetterQueue: "eventstack-prod-bus-dlq",
    });
    assert.equal(rest.length, 0);
    assert.equal(a?.name, "eventstack-prod-bus-dlq-depth");
    assert.deepEqual(a?.source, {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "eventstack-prod-bus-dlq" },
      stat: "Maximum",
    });
    assert.equal(a?.threshold, 0);
  });
});
