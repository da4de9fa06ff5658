/**
 * An alert counts only if it can fire for what it watches and be heard; coverage written in any
 * form Google documents counts: a project-wide Cloud Run 5xx alert covers every service, and
 * dead_letter_message_count on the forwarding subscription covers its dead-letter topic.
 */
import assert from "node:assert/strict";
import { gcpCloudRunServiceMissingErrorAlert as RunAlert } from "../../../policies/gcp/cloudrun/missing-error-alert";
import { gcpPubsubTopicMissingDeadLetterAlert as DeadLetterAlert } from "../../../policies/gcp/pubsub/missing-dead-letter-alert";
import { edit, findings, open, res, UNKNOWN } from "../support/policy-test";
import { all, deadLetterSetup } from "./pubsub/fixtures";

const CHANNELS = ["projects/acme/notificationChannels/1"];
const service = (name: string) =>
  res(
    "gcp:cloudrunv2/service:Service",
    name,
    {},
    { outputs: { name: `${name}-1a2b`, location: "europe-west1" } },
  );
const alert = (name: string, filter: string, extra: Record<string, unknown> = {}) =>
  res("gcp:monitoring/alertPolicy:AlertPolicy", name, {
    displayName: name,
    combiner: "OR",
    conditions: [
      {
        displayName: "condition",
        conditionThreshold: { filter, comparison: "COMPARISON_GT", duration: "300s" },
      },
    ],
    notificationChannels: CHANNELS,
    ...extra,
  });
const PROJECT_5XX =
  'resource.type = "cloud_run_revision" AND metric.type = "run.googleapis.com/request_count" AND metric.label.response_code_class = "5xx"';
const ORDERS_5XX = `${PROJECT_5XX} AND resource.label.service_name = "orders-1a2b"`;

describe("gcp-cloudrun-service-missing-error-alert (alerts that can fire)", () => {
  it("Compliance 1: one project-wide 5xx alert with a channel covers every service", async () => {
    const found = await findings(RunAlert, [
      service("orders"),
      service("billing"),
      alert("all-5xx", PROJECT_5XX),
    ]);
    assert.deepEqual(open(found), []);
  });

  it("Compliance 2: the same alert written in PromQL", async () => {
    const promql = res("gcp:monitoring/alertPolicy:AlertPolicy", "promql", {
      displayName: "5xx",
      combiner: "OR",
      conditions: [
        {
          displayName: "5xx",
          conditionPrometheusQueryLanguage: {
            query:
              'sum(rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",response_code_class="5xx",service_name="orders-1a2b"}[5m])) > 0',
            duration: "300s",
          },
        },
      ],
      notificationChannels: CHANNELS,
    });
    assert.deepEqual(open(await findings(RunAlert, [service("orders"), promql])), []);
  });

  it("Noncompliance 1: an alert on CPU naming the service (it does not move on errors)", async () => {
    const cpu =
      'resource.type = "cloud_run_revision" AND metric.type = "run.googleapis.com/container/cpu/utilizations" AND resource.label.service_name = "orders-1a2b"';
    assert.equal(open(await findings(RunAlert, [service("orders"), alert("cpu", cpu)])).length, 1);
  });

  it("Noncompliance 2: a 5xx alert with no notification channel", async () => {
    const silent = alert("silent", ORDERS_5XX, { notificationChannels: [] });
    assert.equal(open(await findings(RunAlert, [service("orders"), silent])).length, 1);
  });

  it("Noncompliance 3: a disabled 5xx alert", async () => {
    const off = alert("off", ORDERS_5XX, { enabled: false });
    assert.equal(open(await findings(RunAlert, [service("orders"), off])).length, 1);
  });
});

describe("gcp-pubsub-topic-missing-dead-letter-alert (alerts that can fire)", () => {
  const without = (s: ReturnType<typeof deadLetterSetup>) => all(s).filter((r) => r !== s.alert);

  it("Compliance 1: dead_letter_message_count on the forwarding subscription (Google's documented way)", async () => {
    const s = deadLetterSetup();
    const a = alert(
      "forwarded",
      'resource.type = "pubsub_subscription" AND metric.type = "pubsub.googleapis.com/subscription/dead_letter_message_count" AND resource.label.subscription_id = "orders-push"',
    );
    assert.deepEqual(open(await findings(DeadLetterAlert, [...without(s), a])), []);
  });

  it("Noncompliance 1: a log-based metric that names the dead-letter topic", async () => {
    const s = deadLetterSetup();
    const a = alert(
      "logs",
      'metric.type = "logging.googleapis.com/user/orders-dlq-writes" AND resource.type = "global"',
    );
    assert.equal(open(await findings(DeadLetterAlert, [...without(s), a])).length, 1);
  });

  it("Noncompliance 2: the documented alert without a notification channel", async () => {
    const s = deadLetterSetup();
    const a = alert(
      "silent",
      'metric.type = "pubsub.googleapis.com/subscription/dead_letter_message_count" AND resource.label.subscription_id = "orders-push"',
      { notificationChannels: [] },
    );
    assert.equal(open(await findings(DeadLetterAlert, [...without(s), a])).length, 1);
  });

  it("Noncompliance 3: dead_letter_message_count of a subscription that forwards elsewhere", async () => {
    const s = deadLetterSetup();
    const a = edit(s.alert, {
      conditions: [
        {
          displayName: "other",
          conditionThreshold: {
            filter:
              'metric.type = "pubsub.googleapis.com/subscription/dead_letter_message_count" AND resource.label.subscription_id = "billing-push"',
            comparison: "COMPARISON_GT",
          },
        },
      ],
    });
    assert.equal(open(await findings(DeadLetterAlert, [...without(s), a])).length, 1);
  });
});

describe("gcp-cloudrun-service-missing-error-alert (a preview)", () => {
  it("Compliance 1: conditions not known yet, the alert depends on the service", async () => {
    const svc = service("orders");
    const a = res(
      "gcp:monitoring/alertPolicy:AlertPolicy",
      "pending",
      { conditions: UNKNOWN, notificationChannels: CHANNELS },
      { deps: { conditions: [svc] } },
    );
    assert.deepEqual(open(await findings(RunAlert, [svc, a])), []);
  });
});
