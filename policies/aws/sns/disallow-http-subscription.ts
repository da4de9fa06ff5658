import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field } from "../../lib/values";

/** SNS pushes to HTTPS endpoints only. */
export const awsSnsTopicSubscriptionDisallowHttpEndpoint = resourcePolicy(
  {
    name: "aws-sns-topicsubscription-disallow-http-endpoint",
    description: "SNS subscriptions must deliver to HTTPS endpoints, never plain HTTP.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "sns", "encryption", "in-transit"],
    remediationSteps: 'Set `protocol` to "https" and `endpoint` to an https:// URL.',
  },
  {
    types: ["aws:sns/topicSubscription:TopicSubscription"],
    schema: z.looseObject({ protocol: field(z.string()), endpoint: field(z.string()) }),
    check: (props, ctx) => {
      if (props.protocol === "http") {
        ctx.report(
          `protocol must be "https", got "http" for endpoint ${JSON.stringify(props.endpoint ?? null)}.`,
        );
      }
    },
  },
);
