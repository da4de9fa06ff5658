import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { deadLetterTopics, mentions, subscribesTo } from "../../lib/gcp/dead-letters";
import { G } from "../../lib/gcp/pubsub";
import { ResourceIndex } from "../../lib/resource-index";
import { knownString, stringsIn } from "../../lib/values";

/** Every dead-letter topic is watched by an alert policy. */
export const gcpPubsubTopicMissingDeadLetterAlert = stackPolicy(
  {
    name: "gcp-pubsub-topic-missing-dead-letter-alert",
    description:
      "Every Pub/Sub dead-letter topic (or its subscription) must be watched by a Cloud Monitoring alert policy, so dead-lettered events are noticed.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", "alerting", "dead-letter", "data-loss"],
    remediationSteps:
      'Add a `gcp.monitoring.AlertPolicy` whose condition filter names the topic (`resource.label.topic_id = "<name>"`) or its subscription (`resource.label.subscription_id = "<name>"`), with notification channels.',
  },
  {
    types: [G.subscription],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      const alerts = index.ofType(G.alertPolicy);
      const subscriptions = index.ofType(G.subscription);
      for (const dlt of deadLetterTopics(index)) {
        const watched: PolicyResource[] = [
          ...(dlt.topic ? [dlt.topic] : []),
          ...subscriptions.filter((s) => subscribesTo(index, s, dlt)),
        ];
        const names = [
          ...(dlt.name ? [dlt.name] : []),
          ...watched.map((r) => knownString(index.props(r).name)).filter((n): n is string => !!n),
        ];
        const ok = alerts.some((alert) => {
          const text = stringsIn(index.props(alert).conditions).join("\n");
          if (names.some((n) => mentions(text, n))) return true;
          return watched.some((w) =>
            (alert.propertyDependencies.conditions ?? []).some((d) => d.urn === w.urn),
          );
        });
        if (ok) continue;
        ctx.report(
          `dead-letter topic ${JSON.stringify(dlt.name ?? "?")} must be watched by an alert policy whose conditions name it or its subscription, got none.`,
          dlt.topic?.urn ?? dlt.sources[0]?.urn,
        );
      }
    },
  },
);
