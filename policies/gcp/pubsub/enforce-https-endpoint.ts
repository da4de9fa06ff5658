import { resourcePolicy } from "../../lib/define";
import { isUnknown, objectIn } from "../../lib/values";
import { subscriptionSchema } from "../../lib/gcp/pubsub";

/** Push subscriptions deliver over HTTPS only. */
export const gcpPubsubSubscriptionEnforceHttpsEndpoint = resourcePolicy(
  {
    name: "gcp-pubsub-subscription-enforce-https-endpoint",
    description: "Pub/Sub push subscriptions must push to an https:// endpoint.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", "encryption", "in-transit"],
    remediationSteps: "Set `pushConfig.pushEndpoint` to the service's https:// URL.",
  },
  {
    types: ["gcp:pubsub/subscription:Subscription"],
    schema: subscriptionSchema,
    check: (props, ctx) => {
      const endpoint = objectIn(props.pushConfig)?.pushEndpoint;
      if (typeof endpoint !== "string" || isUnknown(endpoint)) return;
      // URL schemes are case-insensitive (RFC 3986 §3.1).
      if (!endpoint.toLowerCase().startsWith("https://")) {
        ctx.report(
          `pushConfig.pushEndpoint must be an https:// URL, got ${JSON.stringify(endpoint)}.`,
        );
      }
    },
  },
);
