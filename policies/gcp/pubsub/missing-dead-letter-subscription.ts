import { stackPolicy } from "../../lib/define";
import { deadLetterTopics, subscribesTo } from "../../lib/gcp/dead-letters";
import { G } from "../../lib/gcp/pubsub";
import { ResourceIndex } from "../../lib/resource-index";

/** Every dead-letter topic has a subscription, so dead-lettered messages are retained. */
export const gcpPubsubTopicMissingDeadLetterSubscription = stackPolicy(
  {
    name: "gcp-pubsub-topic-missing-dead-letter-subscription",
    description:
      "Every Pub/Sub dead-letter topic must have a subscription, or messages published to it are dropped.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", "dead-letter", "data-loss"],
    remediationSteps:
      "Add a pull `gcp.pubsub.Subscription` on the dead-letter topic (with a long `messageRetentionDuration`) for inspection and replay.",
  },
  {
    types: [G.subscription],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      const subscriptions = index.ofType(G.subscription);
      for (const dlt of deadLetterTopics(index)) {
        if (subscriptions.some((s) => subscribesTo(index, s, dlt))) continue;
        ctx.report(
          `dead-letter topic ${JSON.stringify(dlt.name ?? dlt.topic?.name ?? "?")} must have at least one subscription, got none.`,
          dlt.topic?.urn ?? dlt.sources[0]?.urn,
        );
      }
    },
  },
);
