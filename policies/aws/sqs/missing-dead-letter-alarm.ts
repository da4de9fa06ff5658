import { stackPolicy } from "../../lib/define";
import { alarmsWatching } from "../../lib/aws/alarms";
import { deadLetterQueues } from "../../lib/aws/dead-letters";
import { T } from "../../lib/aws/types";
import { ResourceIndex } from "../../lib/resource-index";

/** Every dead-letter queue is watched by a CloudWatch alarm. */
export const awsSqsQueueMissingDeadLetterAlarm = stackPolicy(
  {
    name: "aws-sqs-queue-missing-dead-letter-alarm",
    description:
      "Every SQS dead-letter queue must be watched by a CloudWatch alarm on its AWS/SQS metrics, so dead-lettered events are noticed.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "sqs", "alerting", "dead-letter", "data-loss"],
    remediationSteps:
      'Add an `aws.cloudwatch.MetricAlarm` with `namespace: "AWS/SQS"`, `metricName: "ApproximateNumberOfMessagesVisible"`, `dimensions: { QueueName: <dlq name> }`, threshold 0 and `alarmActions` set.',
  },
  {
    types: [T.queue],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      for (const dlq of deadLetterQueues(index)) {
        const target = { name: dlq.name, resource: dlq.queue };
        if (alarmsWatching(index, "AWS/SQS", "QueueName", target).length > 0) continue;
        const urn = dlq.queue?.urn ?? dlq.references[0]?.from.urn;
        ctx.report(
          `dead-letter queue ${JSON.stringify(dlq.name ?? dlq.queue?.name ?? "?")} must be watched by a CloudWatch alarm with dimensions.QueueName set to it, got none.`,
          urn,
        );
      }
    },
  },
);
