import { resourcePolicy } from "../../lib/define";
import { isSet, objectIn } from "../../lib/values";
import { subscriptionSchema } from "../../lib/gcp/pubsub";

/** Push subscriptions authenticate to their endpoint with an OIDC token. */
export const gcpPubsubSubscriptionMissingOidcToken = resourcePolicy(
  {
    name: "gcp-pubsub-subscription-missing-oidc-token",
    description:
      "Pub/Sub push subscriptions must sign their requests with an OIDC token of a dedicated service account.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "pubsub", "iam", "security"],
    remediationSteps:
      "Set `pushConfig.oidcToken.serviceAccountEmail` (and `audience`) and grant that account roles/run.invoker on the receiving service.",
  },
  {
    types: ["gcp:pubsub/subscription:Subscription"],
    schema: subscriptionSchema,
    check: (props, ctx) => {
      const push = objectIn(props.pushConfig);
      if (push === undefined) return;
      const oidc = push.oidcToken;
      const token = objectIn(oidc);
      if (token === undefined ? !isSet(oidc) : !isSet(token.serviceAccountEmail)) {
        ctx.report(
          `pushConfig.oidcToken.serviceAccountEmail must be set for push endpoint ${JSON.stringify(push.pushEndpoint ?? null)}, got none.`,
        );
      }
    },
  },
);
