import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { deadLetterQueues } from "../../lib/aws/dead-letters";
import { T } from "../../lib/aws/types";
import { ResourceIndex } from "../../lib/resource-index";
import { isSet, knownString } from "../../lib/values";

/** True when `queue` has a redrive policy, inline or as its own resource. */
function hasRedrive(index: ResourceIndex, queue: PolicyResource): boolean {
  if (isSet(index.props(queue).redrivePolicy)) return true;
  return index.ofType(T.redrivePolicy).some((rp) => {
    const props = index.props(rp);
    return isSet(props.redrivePolicy) && index.refersTo(rp, "queueUrl", props.queueUrl, queue);
  });
}

/** Every queue a Lambda function consumes moves poison messages to a dead-letter queue. */
export const awsSqsQueueMissingRedrivePolicy = stackPolicy(
  {
    name: "aws-sqs-queue-missing-redrive-policy",
    description:
      "SQS queues consumed by Lambda must have a redrive policy to a dead-letter queue, unless they are dead-letter queues themselves.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "sqs", "lambda", "dead-letter", "data-loss"],
    remediationSteps:
      "Set `redrivePolicy: JSON.stringify({ deadLetterTargetArn: <DLQ ARN>, maxReceiveCount: <n> })` on the queue (or add an `aws.sqs.RedrivePolicy`).",
    cdkNagId: "AwsSolutions-SQS3",
  },
  {
    types: [T.eventSourceMapping],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      const dlqs = new Set(deadLetterQueues(index).map((d) => d.queue));
      const consumed = new Set<PolicyResource>();
      for (const esm of index.ofType(T.eventSourceMapping)) {
        const arn = index.props(esm).eventSourceArn;
        for (const q of index.resolve(esm, "eventSourceArn", arn, [T.queue])) consumed.add(q);
      }
      for (const queue of consumed) {
        if (dlqs.has(queue) || hasRedrive(index, queue)) continue;
        ctx.report(
          `queue ${JSON.stringify(knownString(index.props(queue).name) ?? queue.name)} is consumed by Lambda and must have a redrivePolicy to a dead-letter queue, got none.`,
          queue.urn,
        );
      }
    },
  },
);
