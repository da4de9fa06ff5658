import { resourcePolicy } from "../../lib/define";
import { isSet, objectIn } from "../../lib/values";
import { subscriptionSchema } from "../../lib/gcp/pubsub";

/** Every push subscription dead-letters what it cannot deliver. */
export const gcpPubsubSubscriptionMissingDeadLetterPolicy = resourcePolicy(
  {
    name: "gcp-pubsub-subscription-missing-dead-letter-policy",
    description:
      "Pub/Sub push subscriptions must forward undeliverable messages to a dead-letter topic.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", "dead-letter", "data-loss"],
    remediationSteps:
      "Set `deadLetterPolicy: { deadLetterTopic: <topic id>, maxDeliveryAttempts: <5-100> }` and let the Pub/Sub service agent publish to that topic.",
  },
  {
    types: ["gcp:pubsub/subscription:Subscription"],
    schema: subscriptionSchema,
    check: (props, ctx) => {
      if (!isSet(props.pushConfig)) return;
      const dl = props.deadLetterPolicy;
      const policy = objectIn(dl);
      // A policy not known yet during a preview counts as set.
      if (policy === undefined ? !isSet(dl) : !isSet(policy.deadLetterTopic)) {
        ctx.report("deadLetterPolicy.deadLetterTopic must name a dead-letter topic, got none.");
      }
    },
  },
);
