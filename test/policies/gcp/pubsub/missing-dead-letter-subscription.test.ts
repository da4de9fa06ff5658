import assert from "node:assert/strict";
import { gcpPubsubTopicMissingDeadLetterSubscription as P } from "../../../../policies/gcp/pubsub/missing-dead-letter-subscription";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";
import { all, deadLetterSetup, topicId } from "./fixtures";

describe("gcp-pubsub-topic-missing-dead-letter-subscription", () => {
  it("Compliance 1: dead-letter topic with a pull subscription", async () => {
    assert.deepEqual(open(await findings(P, all(deadLetterSetup()))), []);
  });

  it("Compliance 2: ids unknown in a preview, linked by dependency edges", async () => {
    const s = deadLetterSetup();
    const push = res(
      "gcp:pubsub/subscription:Subscription",
      "orders-push",
      {
        deadLetterPolicy: { deadLetterTopic: UNKNOWN },
      },
      { deps: { deadLetterPolicy: [s.dlq] } },
    );
    const pull = res(
      "gcp:pubsub/subscription:Subscription",
      "orders-dlq-pull",
      { topic: UNKNOWN },
      { deps: { topic: [s.dlq] } },
    );
    assert.deepEqual(open(await findings(P, [s.dlq, push, pull])), []);
  });

  it("Noncompliance 1: dead-letter topic without a subscription", async () => {
    const s = deadLetterSetup();
    assert.deepEqual(
      open(
        await findings(
          P,
          all(s).filter((r) => r !== s.dlqPull),
        ),
      ),
      ['orders-dlq: dead-letter topic "orders-dlq" must have at least one subscription, got none.'],
    );
  });

  it("Noncompliance 2: the pull subscription reads another topic", async () => {
    const s = deadLetterSetup();
    const pull = edit(s.dlqPull, { topic: topicId("events") });
    assert.equal(open(await findings(P, [s.events, s.dlq, s.push, pull])).length, 1);
  });

  it("Noncompliance 3: dead-letter topic outside the stack, reported at the subscription", async () => {
    const s = deadLetterSetup();
    const push = edit(s.push, { deadLetterPolicy: { deadLetterTopic: topicId("shared-dlq") } });
    assert.deepEqual(open(await findings(P, [s.events, push])), [
      'orders-push: dead-letter topic "shared-dlq" must have at least one subscription, got none.',
    ]);
  });
});
