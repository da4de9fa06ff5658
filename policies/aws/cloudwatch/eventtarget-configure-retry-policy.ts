import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown, objectIn } from "../../lib/values";

/** Every EventBridge target retries before it dead-letters an event. */
export const awsCloudwatchEventTargetConfigureRetryPolicy = resourcePolicy(
  {
    name: "aws-cloudwatch-eventtarget-configure-retry-policy",
    description:
      "EventBridge targets must set an explicit retry policy that retries at least once before dead-lettering.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "eventbridge", "dead-letter", "data-loss", "reliability"],
    remediationSteps:
      "Set `retryPolicy: { maximumRetryAttempts: <1-185>, maximumEventAgeInSeconds: <60-86400> }` on the target.",
  },
  {
    types: ["aws:cloudwatch/eventTarget:EventTarget"],
    schema: z.looseObject({
      retryPolicy: field(
        z.looseObject({
          maximumRetryAttempts: field(z.number()),
          maximumEventAgeInSeconds: field(z.number()),
        }),
      ),
    }),
    check: (props, ctx) => {
      if (isUnknown(props.retryPolicy)) return;
      const retry = objectIn(props.retryPolicy);
      if (retry === undefined) {
        ctx.report("retryPolicy must be set, got none.");
        return;
      }
      const attempts = retry.maximumRetryAttempts;
      if (typeof attempts === "number") {
        if (attempts < 1) {
          ctx.report(`retryPolicy.maximumRetryAttempts must be at least 1, got ${attempts}.`);
        }
      } else if (!isUnknown(attempts)) {
        ctx.report("retryPolicy.maximumRetryAttempts must be set, got none.");
      }
    },
  },
);
