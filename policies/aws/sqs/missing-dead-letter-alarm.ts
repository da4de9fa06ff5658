import { stackPolicy } from "../../lib/define";
import { alarmsWatching } from "../../lib/aws/alarms";
import { deadLetterQueues } from "../../lib/aws/dead-letters";
import { T } from "../../lib/aws/types";
import { ResourceIndex } from "../../lib/resource-index";
import { isUnknown } from "../../lib/values";

/**
 * The AWS/SQS metrics that move when SQS moves a message to a dead-letter queue. Not
 * NumberOfMessagesSent: "if a message is sent to a dead-letter queue as a result of a failed
 * processing attempt, it isn't captured by this metric" (Amazon SQS Developer Guide, "Available
 * CloudWatch metrics for Amazon SQS",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html).
 */
const MOVING_METRICS = ["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"];

/** True unless the alarm's comparison can only fire when the queue shrinks. */
function firesOnArrival(props: Record<string, unknown>): boolean {
  const op = props.comparisonOperator;
  return typeof op !== "string" || isUnknown(op) || !/^LessThan/.test(op);
}

/** Every dead-letter queue is watched by a CloudWatch alarm that fires when messages arrive. */
export const awsSqsQueueMissingDeadLetterAlarm = stackPolicy(
  {
    name: "aws-sqs-queue-missing-dead-letter-alarm",
    description:
      "Every SQS dead-letter queue must be watched by a CloudWatch alarm on a metric that moves when messages arrive (ApproximateNumberOfMessagesVisible or ApproximateAgeOfOldestMessage), so dead-lettered events are noticed.",
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
        const watching = alarmsWatching(index, "AWS/SQS", "QueueName", target, MOVING_METRICS);
        if (watching.some((alarm) => firesOnArrival(index.props(alarm)))) continue;
        const urn = dlq.queue?.urn ?? dlq.references[0]?.from.urn;
        ctx.report(
          `dead-letter queue ${JSON.stringify(dlq.name ?? dlq.queue?.name ?? "?")} must be watched by a CloudWatch alarm on ${MOVING_METRICS.join(" or ")} with dimensions.QueueName set to it that fires when messages arrive, got none.`,
          urn,
        );
      }
    },
  },
);
