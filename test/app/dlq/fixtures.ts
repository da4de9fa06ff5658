/**
 * Dead-letter records shaped like the clouds' documented ones, around the app's own sample event
 * (app/samples/order-placed.eventbridge.json).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const SAMPLES = join(__dirname, "..", "..", "..", "app", "samples");

/** The sample EventBridge event, with its CloudEvents id replaced. */
export function eventBridgeEvent(ceId: string): Record<string, unknown> {
  const event = JSON.parse(
    readFileSync(join(SAMPLES, "order-placed.eventbridge.json"), "utf8"),
  ) as {
    detail: Record<string, unknown>;
  };
  return { ...event, detail: { ...event.detail, id: ceId } };
}

export const RULE_ARN =
  "arn:aws:events:eu-west-1:111122223333:rule/eventstack-prod-bus/eventstack-prod-orders";
export const QUEUE_ARN = "arn:aws:sqs:eu-west-1:111122223333:eventstack-prod-orders";
export const BUS_ARN = "arn:aws:events:eu-west-1:111122223333:event-bus/eventstack-prod-bus";
export const KEY_ARN =
  "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/**
 * The message attributes EventBridge adds to a target dead letter
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 */
export function eventBridgeDlqAttributes(): Record<string, string> {
  return {
    ERROR_CODE: "SQS.AccessDeniedException",
    ERROR_MESSAGE: "Access to the resource is denied.",
    EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts",
    RETRY_ATTEMPTS: "185",
    RULE_ARN,
    TARGET_ARN: QUEUE_ARN,
  };
}

/**
 * A Lambda on-failure destination record for an asynchronous invocation
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export function lambdaOnFailureRecord(ceId: string): Record<string, unknown> {
  return {
    version: "1.0",
    timestamp: "2025-11-20T09:16:05.568Z",
    requestContext: {
      requestId: "e4b46cbf-b738-xmpl-8880-a18cdf61200e",
      functionArn: "arn:aws:lambda:eu-west-1:111122223333:function:eventstack-prod-orders:$LATEST",
      condition: "RetriesExhausted",
      approximateInvokeCount: 3,
    },
    requestPayload: eventBridgeEvent(ceId),
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: { errorType: "Error", errorMessage: "inventory backend timed out" },
  };
}

/**
 * The `Encrypted Events` envelope EventBridge writes when it cannot use the bus's key
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-dlq-decrypt.html).
 */
export function encryptedEventsEnvelope(encryptedPayload: string): Record<string, unknown> {
  return {
    version: "0",
    id: "053afa53-cdd7-285b-e754-b0dfd0ac0bfb",
    account: "111122223333",
    time: "2025-11-20T09:22:00Z",
    resources: [],
    region: "eu-west-1",
    source: "aws.events",
    "detail-type": "Encrypted Events",
    detail: {
      "event-bus-arn": BUS_ARN,
      "rule-arn": RULE_ARN,
      "kms-key-arn": KEY_ARN,
      "encrypted-payload": encryptedPayload,
    },
  };
}
