import assert from "node:assert/strict";
import { gcpPubsubSubscriptionMissingDeadLetterGrants as P } from "../../../../policies/gcp/pubsub/missing-dead-letter-grants";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";
import { AGENT, all, deadLetterSetup, topicId } from "./fixtures";

describe("gcp-pubsub-subscription-missing-dead-letter-grants", () => {
  it("Compliance 1: agent may publish to the DLQ topic and subscribe to the source", async () => {
    assert.deepEqual(open(await findings(P, all(deadLetterSetup()))), []);
  });

  it("Compliance 2: grants naming the topic by full id", async () => {
    const s = deadLetterSetup();
    const publisher = edit(s.publisher, { topic: topicId("orders-dlq") });
    assert.deepEqual(
      open(await findings(P, [...all(s).filter((r) => r !== s.publisher), publisher])),
      [],
    );
  });

  it("Compliance 3: member not known yet (project number), grants linked by dependency", async () => {
    const s = deadLetterSetup();
    const publisher = res(
      "gcp:pubsub/topicIAMMember:TopicIAMMember",
      "pub",
      { topic: UNKNOWN, role: "roles/pubsub.publisher", member: UNKNOWN },
      { deps: { topic: [s.dlq] } },
    );
    const subscriber = res(
      "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
      "sub",
      { subscription: UNKNOWN, role: "roles/pubsub.subscriber", member: UNKNOWN },
      { deps: { subscription: [s.push] } },
    );
    assert.deepEqual(
      open(await findings(P, [s.events, s.dlq, s.push, s.dlqPull, publisher, subscriber])),
      [],
    );
  });

  it("Noncompliance 1: agent cannot publish to the dead-letter topic", async () => {
    const s = deadLetterSetup();
    assert.deepEqual(
      open(
        await findings(
          P,
          all(s).filter((r) => r !== s.publisher),
        ),
      ),
      [
        'orders-push: the Pub/Sub service agent must have roles/pubsub.publisher on dead-letter topic "orders-dlq" used by subscription "orders-push", got no such grant.',
      ],
    );
  });

  it("Noncompliance 2: agent cannot subscribe to the source subscription", async () => {
    const s = deadLetterSetup();
    assert.deepEqual(
      open(
        await findings(
          P,
          all(s).filter((r) => r !== s.subscriber),
        ),
      ),
      [
        'orders-push: the Pub/Sub service agent must have roles/pubsub.subscriber on subscription "orders-push" to forward to "orders-dlq", got no such grant.',
      ],
    );
  });

  it("Noncompliance 3: publisher granted to someone else", async () => {
    const s = deadLetterSetup();
    const publisher = edit(s.publisher, {
      member: "serviceAccount:orders@acme.iam.gserviceaccount.com",
    });
    assert.equal(
      open(await findings(P, [...all(s).filter((r) => r !== s.publisher), publisher])).length,
      1,
    );
  });

  it("Compliance 4: project-level grants to the agent also suffice", async () => {
    const s = deadLetterSetup();
    const project = res("gcp:projects/iAMBinding:IAMBinding", "agent", {
      project: "acme",
      role: "roles/pubsub.editor",
      members: [AGENT],
    });
    const rest = all(s).filter((r) => r !== s.publisher && r !== s.subscriber);
    assert.deepEqual(open(await findings(P, [...rest, project])), []);
  });
});
