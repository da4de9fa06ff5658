/**
 * The Lambda handler for the consumer's SQS queue (event source mapping with
 * `ReportBatchItemFailures`): each record's body is the EventBridge event the rule put on the
 * queue. Records are handled one by one with the EventBridge handler; those that fail, including
 * bodies that are not an EventBridge event, are returned in `batchItemFailures`, so SQS makes them
 * visible again and, after the queue's `maxReceiveCount` receives, moves them to the dead-letter
 * queue. Nothing is acknowledged that was not processed.
 * Response shape: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
import * as z from "zod";
import type { EventBridgeHandler, LambdaContext } from "./handler";

/** The parts of an SQS record this handler reads (Lambda "Using Lambda with Amazon SQS"). */
const sqsEventSchema = z.object({
  Records: z.array(
    z.object({
      messageId: z.string().min(1),
      body: z.string(),
      eventSource: z.literal("aws:sqs"),
    }),
  ),
});

/** What Lambda reads back: the message ids to retry. */
export interface BatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** An SQS batch handler. */
export type QueueHandler = (event: unknown, context: LambdaContext) => Promise<BatchResponse>;

/** Called for each record that failed, with its message id and the error. */
export type RecordFailure = (messageId: string, error: unknown) => void;

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new Error(`SQS record body is not JSON: ${String(err)}`, { cause: err });
  }
}

/**
 * Wraps the EventBridge handler for SQS batches. A batch that is not an SQS event at all is thrown,
 * so Lambda retries the whole batch (no record is lost).
 */
export function createQueueHandler(
  handle: EventBridgeHandler,
  onFailure: RecordFailure,
): QueueHandler {
  return async (input, context) => {
    const parsed = sqsEventSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `not an SQS batch: ${issue?.path.join(".") || "event"} ${issue?.message ?? "is invalid"}`,
      );
    }
    const failures: { itemIdentifier: string }[] = [];
    for (const record of parsed.data.Records) {
      try {
        await handle(parseBody(record.body), context);
      } catch (err) {
        onFailure(record.messageId, err);
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}
