/**
 * An SQS dead-letter queue as a {@link DeadLetterSource} (ReceiveMessage, DeleteMessageBatch,
 * ChangeMessageVisibilityBatch, GetQueueAttributes;
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { decodeSqsMessage, type DecryptPayload } from "./decode-aws";
import type { Received } from "./model";
import type { DeadLetterSource } from "./ports";

/** SQS batch calls take at most 10 entries. */
const SQS_BATCH = 10;

/** How long a received record stays hidden while the run holds it (SQS allows up to 12 h). */
export const HOLD_SECONDS = 900;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The queue at `queueUrl`. */
export function sqsSource(
  sqs: SQSClient,
  queueUrl: string,
  decrypt: DecryptPayload,
): DeadLetterSource {
  return {
    async count() {
      const out = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ["ApproximateNumberOfMessages"],
        }),
      );
      const n = Number(out.Attributes?.ApproximateNumberOfMessages);
      return Number.isInteger(n) ? n : undefined;
    },
    async receive(max) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(Math.max(max, 1), SQS_BATCH),
          VisibilityTimeout: HOLD_SECONDS,
          // A short long-poll: an empty answer then means the queue is (about) empty.
          WaitTimeSeconds: 2,
          MessageAttributeNames: ["All"],
          MessageSystemAttributeNames: ["SentTimestamp", "ApproximateReceiveCount"],
        }),
      );
      const received: Received[] = [];
      for (const m of out.Messages ?? []) {
        if (m.MessageId === undefined || m.ReceiptHandle === undefined) continue;
        received.push({ record: await decodeSqsMessage(m, decrypt), handle: m.ReceiptHandle });
      }
      return received;
    },
    async remove(records) {
      const failed = new Map<string, string>();
      for (const part of chunks(records, SQS_BATCH)) {
        const out = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: part.map((r, i) => ({ Id: String(i), ReceiptHandle: r.handle })),
          }),
        );
        for (const f of out.Failed ?? []) {
          const r = part[Number(f.Id)];
          if (r !== undefined)
            failed.set(r.record.key, `${f.Code ?? "Failed"}: ${f.Message ?? ""}`.trim());
        }
      }
      return failed;
    },
    async release(records) {
      for (const part of chunks(records, SQS_BATCH)) {
        await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: part.map((r, i) => ({
              Id: String(i),
              ReceiptHandle: r.handle,
              VisibilityTimeout: 0,
            })),
          }),
        );
      }
    },
  };
}
