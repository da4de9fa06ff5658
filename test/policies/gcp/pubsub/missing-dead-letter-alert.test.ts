import assert from "node:assert/strict";
import { gcpPubsubTopicMissingDeadLetterAlert as P } from "../../../../policies/gcp/pubsub/missing-dead-letter-alert";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";
import { all, deadLetterSetup } from "./fixtures";

const filter = (f: string) => [
  {
    displayName: "c",
    conditionThreshold: { filter: f, comparison: "COMPARISON_GT", duration: "60s" },
  },
];

describe("gcp-pubsub-topic-missing-dead-letter-alert", () => {
  it("Compliance 1: alert on the dead-letter subscription's backlog", async () => {
    assert.deepEqual(open(await findings(P, all(deadLetterSetup()))), []);
  });

  it("Compliance 2: alert naming the dead-letter topic", async () => {
    const s = deadLetterSetup();
    const alert = edit(s.alert, {
      conditions: filter(
        'resource.type = "pubsub_topic" AND resource.label.topic_id = "orders-dlq"',
      ),
    });
    assert.deepEqual(open(await findings(P, [...all(s).filter((r) => r !== s.alert), alert])), []);
  });

  it("Compliance 3: filter not known yet, alert linked by dependency", async () => {
    const s = deadLetterSetup();
    const alert = res(
      "gcp:monitoring/alertPolicy:AlertPolicy",
      "a",
      { conditions: UNKNOWN, notificationChannels: ["projects/shop/notificationChannels/1"] },
      { deps: { conditions: [s.dlqPull] } },
    );
    assert.deepEqual(open(await findings(P, [...all(s).filter((r) => r !== s.alert), alert])), []);
  });

  it("Noncompliance 1: no alert", async () => {
    const s = deadLetterSetup();
    assert.deepEqual(
      open(
        await findings(
          P,
          all(s).filter((r) => r !== s.alert),
        ),
      ),
      [
        'orders-dlq: dead-letter topic "orders-dlq" must be watched by an enabled alert policy with notification channels whose Pub/Sub conditions name it or its subscription (or count the dead letters of a subscription forwarding to it), got none.',
      ],
    );
  });

  it("Noncompliance 2: an alert on a longer name that merely starts with the topic's", async () => {
    const s = deadLetterSetup();
    const alert = edit(s.alert, {
      conditions: filter('resource.label.subscription_id = "orders-dlq-pull-archive"'),
    });
    assert.equal(
      open(await findings(P, [...all(s).filter((r) => r !== s.alert), alert])).length,
      1,
    );
  });
});
