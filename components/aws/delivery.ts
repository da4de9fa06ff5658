/**
 * How events reach a consumer: which events its rule selects, and how delivery is retried before
 * an event is dead-lettered (EventBridge → SQS queue → Lambda, see {@link deliveryPolicy}).
 */
import type { ConsumerConfig } from "../config";

/**
 * Lambda retries a failed asynchronous invocation at most twice
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html), which is
 * why events reach the function through an SQS queue, whose redrive policy counts any number.
 */
export const LAMBDA_MAX_ASYNC_RETRIES = 2;

/** EventBridge `PutRule` limits: a description of 512 characters, a pattern of 4096. */
export const RULE_LIMITS = { description: 512, eventPattern: 4096 } as const;

/**
 * The rule's event pattern: the consumer's CloudEvents types, which publishers put in
 * `detail-type`. No `source` filter: the bus is the platform's own, and any publisher allowed to
 * put events on it may emit these types.
 */
export function eventPattern(eventTypes: readonly string[]): string {
  return JSON.stringify({ "detail-type": [...eventTypes] });
}

/** Why a consumer's event pattern is longer than EventBridge allows, or undefined if it fits. */
export function eventPatternProblem(
  consumer: string,
  eventTypes: readonly string[],
): string | undefined {
  const length = eventPattern(eventTypes).length;
  if (length <= RULE_LIMITS.eventPattern) return undefined;
  return `the ${eventTypes.length} event types of consumer ${consumer} make a ${length}-character EventBridge event pattern; EventBridge allows ${RULE_LIMITS.eventPattern}, so use fewer or shorter types`;
}

/**
 * The rule's description: the consumer and its event types, or only how many types it selects
 * when listing them would pass EventBridge's 512-character limit (20 types of 30 characters do).
 */
export function ruleDescription(consumer: string, eventTypes: readonly string[]): string {
  const listed = `Events for consumer ${consumer}: ${eventTypes.join(", ")}`;
  if (listed.length <= RULE_LIMITS.description) return listed;
  return `Events for consumer ${consumer}: ${eventTypes.length} CloudEvents types (see the event pattern)`;
}

/**
 * SQS's recommendation for a queue a Lambda function polls: a visibility timeout of at least six
 * times the function's timeout, so a message is not received again while a throttled batch is
 * still retried ("Configuring a queue to use with Lambda",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** SQS's maximum message retention, 14 days. */
export const SQS_MAX_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Records per batch the function receives; failures are reported per record. */
export const BATCH_SIZE = 10;

/** Lambda's range for an SQS event source's `scalingConfig.maximumConcurrency`. */
export const SQS_MAXIMUM_CONCURRENCY = { min: 2, max: 1000 } as const;

/**
 * How an event reaches a consumer: EventBridge → the consumer's SQS queue → Lambda polling it
 * with partial batch responses, and how often each hop tries.
 */
export interface DeliveryPolicy {
  /** The rule target's `retryPolicy`: EventBridge retries when it cannot put the event on the queue. */
  readonly target: {
    readonly maximumRetryAttempts: number;
    readonly maximumEventAgeInSeconds: number;
  };
  /** The consumer's queue. */
  readonly queue: {
    /** Receives (the first attempt included) before SQS moves a message to the dead-letter queue. */
    readonly maxReceiveCount: number;
    readonly visibilityTimeoutSeconds: number;
    /** The longest SQS keeps a message, so no event expires while it still has attempts left. */
    readonly messageRetentionSeconds: number;
  };
  /** The event source mapping's `scalingConfig.maximumConcurrency`, under reserved concurrency. */
  readonly maximumConcurrency: number | undefined;
  /**
   * The longest an event spends being retried: every attempt but the last waits out a visibility
   * timeout. A dead letter keeps its first enqueue time, so the dead-letter queue holds it for
   * 14 days minus this (SQS "Using dead-letter queues",
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
   */
  readonly retryWindowSeconds: number;
}

/**
 * Maps the consumer's `maxDeliveryAttempts` (first attempt included) onto the queue's redrive
 * policy: a handler that fails a record `maxDeliveryAttempts` times sends it to the dead-letter
 * queue, exactly as the setting reads. EventBridge → SQS gets the same retries within
 * `maxEventAgeSeconds`.
 */
export function deliveryPolicy(consumer: ConsumerConfig): DeliveryPolicy {
  const visibilityTimeoutSeconds = VISIBILITY_TIMEOUT_FACTOR * consumer.timeoutSeconds;
  const reserved = consumer.reservedConcurrency;
  return {
    target: {
      maximumRetryAttempts: consumer.maxDeliveryAttempts - 1,
      maximumEventAgeInSeconds: consumer.maxEventAgeSeconds,
    },
    queue: {
      maxReceiveCount: consumer.maxDeliveryAttempts,
      visibilityTimeoutSeconds,
      messageRetentionSeconds: SQS_MAX_RETENTION_SECONDS,
    },
    maximumConcurrency:
      reserved === undefined || reserved < SQS_MAXIMUM_CONCURRENCY.min
        ? undefined
        : Math.min(reserved, SQS_MAXIMUM_CONCURRENCY.max),
    retryWindowSeconds: (consumer.maxDeliveryAttempts - 1) * visibilityTimeoutSeconds,
  };
}
