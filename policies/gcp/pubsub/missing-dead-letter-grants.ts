import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { deadLetterTopics, type DeadLetterTopic } from "../../lib/gcp/dead-letters";
import {
  grantPropsSchema,
  grantsOf,
  isPubSubServiceAgent,
  HIERARCHY_GRANT_TYPES,
} from "../../lib/gcp/iam-grants";
import { G } from "../../lib/gcp/pubsub";
import { ResourceIndex } from "../../lib/resource-index";
import { isUnknown, knownString } from "../../lib/values";

const TOPIC_GRANTS = /^gcp:pubsub\/topicIAM(Member|Binding|Policy):/;
const SUBSCRIPTION_GRANTS = /^gcp:pubsub\/subscriptionIAM(Member|Binding|Policy):/;
const PUBLISH_ROLES = ["roles/pubsub.publisher", "roles/pubsub.editor", "roles/pubsub.admin"];
const SUBSCRIBE_ROLES = ["roles/pubsub.subscriber", "roles/pubsub.editor", "roles/pubsub.admin"];

/** True when `grant` gives one of `roles` to the Pub/Sub service agent (or to a member not known yet). */
function grantsAgent(
  index: ResourceIndex,
  grant: PolicyResource,
  roles: readonly string[],
): boolean {
  const parsed = grantPropsSchema.safeParse(index.props(grant));
  if (!parsed.success) return false;
  const grants = grantsOf(grant.type, parsed.data);
  if (grants.kind !== "ok") return false;
  return grants.grants.some(
    (g) =>
      (roles.includes(g.role) || isUnknown(g.role)) &&
      g.members.some((m) => isUnknown(m) || isPubSubServiceAgent(m)),
  );
}

function projectGrant(index: ResourceIndex, roles: readonly string[]): boolean {
  return index.resources.some(
    // A grant on the project, or on a folder or organisation above it, is inherited.
    (r) => HIERARCHY_GRANT_TYPES.test(r.type) && grantsAgent(index, r, roles),
  );
}

function canPublish(index: ResourceIndex, dlt: DeadLetterTopic): boolean {
  return index.resources.some((g) => {
    if (!TOPIC_GRANTS.test(g.type) || !grantsAgent(index, g, PUBLISH_ROLES)) return false;
    const ref = index.props(g).topic;
    if (dlt.topic !== undefined && index.refersTo(g, "topic", ref, dlt.topic)) return true;
    const known = knownString(ref);
    return (
      known !== undefined && (known === dlt.ref || (dlt.ref !== undefined && known === dlt.name))
    );
  });
}

function canSubscribe(index: ResourceIndex, subscription: PolicyResource): boolean {
  return index.resources.some((g) => {
    if (!SUBSCRIPTION_GRANTS.test(g.type) || !grantsAgent(index, g, SUBSCRIBE_ROLES)) return false;
    return index.refersTo(g, "subscription", index.props(g).subscription, subscription);
  });
}

/** The Pub/Sub service agent may publish to each dead-letter topic and pull from its source. */
export const gcpPubsubSubscriptionMissingDeadLetterGrants = stackPolicy(
  {
    name: "gcp-pubsub-subscription-missing-dead-letter-grants",
    description:
      "The Pub/Sub service agent must be able to publish to each dead-letter topic and subscribe to the subscription that forwards to it.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", "iam", "dead-letter", "data-loss"],
    remediationSteps:
      "Grant `serviceAccount:service-<project number>@gcp-sa-pubsub.iam.gserviceaccount.com` roles/pubsub.publisher on the dead-letter topic (`gcp.pubsub.TopicIAMMember`) and roles/pubsub.subscriber on the source subscription (`gcp.pubsub.SubscriptionIAMMember`).",
  },
  {
    types: [G.subscription],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      const projectPublish = projectGrant(index, PUBLISH_ROLES);
      const projectSubscribe = projectGrant(index, SUBSCRIBE_ROLES);
      for (const dlt of deadLetterTopics(index)) {
        const topicName = JSON.stringify(dlt.name ?? dlt.topic?.name ?? "?");
        const publishOk = projectPublish || canPublish(index, dlt);
        for (const sub of dlt.sources) {
          const subName = JSON.stringify(knownString(index.props(sub).name) ?? sub.name);
          if (!publishOk) {
            ctx.report(
              `the Pub/Sub service agent must have roles/pubsub.publisher on dead-letter topic ${topicName} used by subscription ${subName}, got no such grant.`,
              sub.urn,
            );
          }
          if (!projectSubscribe && !canSubscribe(index, sub)) {
            ctx.report(
              `the Pub/Sub service agent must have roles/pubsub.subscriber on subscription ${subName} to forward to ${topicName}, got no such grant.`,
              sub.urn,
            );
          }
        }
      }
    },
  },
);
