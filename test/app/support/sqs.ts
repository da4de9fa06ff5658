/**
 * SQS batches as the Lambda event source mapping delivers them, carrying EventBridge events the
 * way a rule with an SQS target puts them on the queue: the whole matched event, as JSON, is the
 * message body (no input transformer).
 * Record shape: "Example Amazon SQS message event (standard queue)",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 * Target input: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";

export const DELIVERY_QUEUE_ARN = "arn:aws:sqs:eu-west-1:111122223333:eventstack-prod-orders-queue";

/** One message on the queue: its id stays the same on every receive, its body never changes. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentTimestamp: number;
}

/** Puts `event` (an EventBridge event) on the queue. */
export function enqueue(event: Record<string, unknown>, messageId = randomUUID()): QueuedMessage {
  return {
    messageId,
    body: JSON.stringify(event),
    sentTimestamp: Date.parse("2025-11-20T09:15:03Z"),
  };
}

/** The record of one receive of `message`: `receiveCount` is 1 on the first, 2 on the next, … */
export function sqsRecord(message: QueuedMessage, receiveCount = 1): Record<string, unknown> {
  return {
    messageId: message.messageId,
    // Every receive gets a new receipt handle (SQS ReceiveMessage).
    receiptHandle: `AQEB${randomBytes(48).toString("base64")}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: "AIDAIENQZJOLO23YVJ4VO",
      ApproximateFirstReceiveTimestamp: String(message.sentTimestamp + 12),
    },
    messageAttributes: {},
    md5OfBody: createHash("md5").update(message.body).digest("hex"),
    eventSource: "aws:sqs",
    eventSourceARN: DELIVERY_QUEUE_ARN,
    awsRegion: "eu-west-1",
  };
}

/** An SQS batch event of these records. */
export function sqsBatch(records: Record<string, unknown>[]): {
  Records: Record<string, unknown>[];
} {
  return { Records: records };
}
