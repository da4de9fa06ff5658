import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isSet, objectIn } from "../../lib/values";

/** Every EventBridge target sends undeliverable events to a dead-letter queue. */
export const awsCloudwatchEventTargetMissingDeadLetterQueue = resourcePolicy(
  {
    name: "aws-cloudwatch-eventtarget-missing-dead-letter-queue",
    description:
      "EventBridge targets must send events they fail to deliver to a dead-letter queue.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "eventbridge", "dead-letter", "data-loss"],
    remediationSteps:
      "Set `deadLetterConfig: { arn: <SQS queue ARN> }` on the target and let `events.amazonaws.com` send to the queue (queue policy scoped by aws:SourceArn).",
    cdkNagId: "Serverless-EventBusDLQ",
  },
  {
    types: ["aws:cloudwatch/eventTarget:EventTarget"],
    schema: z.looseObject({
      targetId: field(z.string()),
      deadLetterConfig: field(z.looseObject({ arn: field(z.string()) })),
    }),
    check: (props, ctx) => {
      const dlq = props.deadLetterConfig;
      const config = objectIn(dlq);
      // A config not known yet during a preview counts as set.
      if (config === undefined ? !isSet(dlq) : !isSet(config.arn)) {
        ctx.report("deadLetterConfig.arn must name an SQS dead-letter queue, got none.");
      }
    },
  },
);
