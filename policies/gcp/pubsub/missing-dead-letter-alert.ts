import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { canNotify, conditionText } from "../../lib/gcp/alerting";
import { deadLetterTopics, mentions, subscribesTo } from "../../lib/gcp/dead-letters";
import { G } from "../../lib/gcp/pubsub";
import { ResourceIndex } from "../../lib/resource-index";
import { isUnknown, knownString } from "../../lib/values";

/**
 * Google's documented way of watching dead letters: `subscription/dead_letter_message_count` on
 * the subscription that forwards them ("Monitor forwarded messages",
 * https://cloud.google.com/pubsub/docs/handling-failures#monitor_forwarded_messages).
 */
const DEAD_LETTER_COUNT = "dead_letter_message_count";
/** A Pub/Sub metric or monitored resource (`pubsub.googleapis.com/…`, `pubsub_googleapis_com:…`, `pubsub_topic`). */
const PUBSUB_METRIC =
  /pubsub\.googleapis\.com\/|pubsub_googleapis_com:|pubsub_(topic|subscription)/;

/** Every dead-letter topic is watched by an alert policy. */
export const gcpPubsubTopicMissingDeadLetterAlert = stackPolicy(
  {
    name: "gcp-pubsub-topic-missing-dead-letter-alert",
    description:
      "Every Pub/Sub dead-letter topic must be watched by an enabled Cloud Monitoring alert policy with notification channels, on a Pub/Sub metric of the topic or its subscription or on dead_letter_message_count of a subscription that forwards to it.",
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
        const sourceNames = dlt.sources
          .map((r) => knownString(index.props(r).name))
          .filter((n): n is string => !!n);
        const ok = alerts.some((alert) => {
          if (!canNotify(index, alert)) return false;
          const text = conditionText(index, alert);
          const edges = alert.propertyDependencies.conditions ?? [];
          if (
            text.includes(DEAD_LETTER_COUNT) &&
            (sourceNames.some((n) => mentions(text, n)) ||
              dlt.sources.some((s) => edges.some((d) => d.urn === s.urn)))
          ) {
            return true;
          }
          // Conditions not known yet (a preview): the dependency edge is all there is to follow.
          if (isUnknown(index.props(alert).conditions)) {
            return watched.some((w) => edges.some((d) => d.urn === w.urn));
          }
          if (!PUBSUB_METRIC.test(text)) return false;
          if (names.some((n) => mentions(text, n))) return true;
          return watched.some((w) => edges.some((d) => d.urn === w.urn));
        });
        if (ok) continue;
        ctx.report(
          `dead-letter topic ${JSON.stringify(dlt.name ?? "?")} must be watched by an enabled alert policy with notification channels whose Pub/Sub conditions name it or its subscription (or count the dead letters of a subscription forwarding to it), got none.`,
          dlt.topic?.urn ?? dlt.sources[0]?.urn,
        );
      }
    },
  },
);
