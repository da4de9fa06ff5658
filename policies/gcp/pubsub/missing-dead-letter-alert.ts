import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { AlertIndex } from "../../lib/gcp/alerting";
import { deadLetterTopics } from "../../lib/gcp/dead-letters";
import { G } from "../../lib/gcp/pubsub";
import { identifiersOf, ResourceIndex } from "../../lib/resource-index";
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
      const alerts = new AlertIndex(index, index.ofType(G.alertPolicy));
      const onPubsub = (a: PolicyResource) => PUBSUB_METRIC.test(alerts.textOf(a));
      const countsDeadLetters = (a: PolicyResource) => alerts.textOf(a).includes(DEAD_LETTER_COUNT);
      const unknownConditions = (a: PolicyResource) => isUnknown(index.props(a).conditions);
      // Subscriptions by the topic they read, indexed once (by value and by dependency edge).
      const readers = new Map<string, PolicyResource[]>();
      const addReader = (key: string, s: PolicyResource) =>
        readers.set(key, [...(readers.get(key) ?? []), s]);
      for (const s of index.ofType(G.subscription)) {
        const ref = knownString(index.props(s).topic);
        if (ref !== undefined) addReader(ref, s);
        for (const dep of s.propertyDependencies.topic ?? []) addReader(dep.urn, s);
      }
      for (const dlt of deadLetterTopics(index)) {
        const keys = [
          ...(dlt.topic ? identifiersOf(dlt.topic) : []),
          ...(dlt.ref ? [dlt.ref] : []),
          ...(dlt.topic === undefined && dlt.name ? [dlt.name] : []),
        ];
        const watched: PolicyResource[] = [
          ...(dlt.topic ? [dlt.topic] : []),
          ...new Set(keys.flatMap((k) => readers.get(k) ?? [])),
        ];
        const names = [
          ...(dlt.name ? [dlt.name] : []),
          ...watched.map((r) => knownString(index.props(r).name)).filter((n): n is string => !!n),
        ];
        const sourceNames = dlt.sources
          .map((r) => knownString(index.props(r).name))
          .filter((n): n is string => !!n);
        const ok =
          // Google's documented form: the forwarding subscription's dead_letter_message_count.
          sourceNames.some((n) => alerts.mentioning(n).some(countsDeadLetters)) ||
          dlt.sources.some((src) => alerts.dependingOn(src.urn).some(countsDeadLetters)) ||
          names.some((n) => alerts.mentioning(n).some(onPubsub)) ||
          // Conditions not known yet (a preview): the dependency edge is all there is to follow.
          watched.some((w) =>
            alerts.dependingOn(w.urn).some((a) => onPubsub(a) || unknownConditions(a)),
          );
        if (ok) continue;
        ctx.report(
          `dead-letter topic ${JSON.stringify(dlt.name ?? "?")} must be watched by an enabled alert policy with notification channels whose Pub/Sub conditions name it or its subscription (or count the dead letters of a subscription forwarding to it), got none.`,
          dlt.topic?.urn ?? dlt.sources[0]?.urn,
        );
      }
    },
  },
);
