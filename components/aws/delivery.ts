/**
 * How events reach a consumer: which events its rule selects, and how delivery is retried before
 * an event is dead-lettered.
 */
import type { ConsumerConfig } from "../config";

/** Lambda retries a failed asynchronous invocation at most twice. */
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

/** Retry settings of the two delivery hops (EventBridge → Lambda, then Lambda's async queue). */
export interface DeliveryPolicy {
  /** The rule target's `retryPolicy`: EventBridge retries when it cannot hand the event over. */
  readonly target: {
    readonly maximumRetryAttempts: number;
    readonly maximumEventAgeInSeconds: number;
  };
  /** The function's async invoke config: retries of a handler that failed. */
  readonly invoke: {
    readonly maximumRetryAttempts: number;
    readonly maximumEventAgeInSeconds: number;
  };
}

/**
 * Maps the consumer's `maxDeliveryAttempts` (first attempt included) and `maxEventAgeSeconds`
 * onto both hops. Lambda caps its own retries at {@link LAMBDA_MAX_ASYNC_RETRIES}.
 */
export function deliveryPolicy(consumer: ConsumerConfig): DeliveryPolicy {
  const retries = consumer.maxDeliveryAttempts - 1;
  return {
    target: {
      maximumRetryAttempts: retries,
      maximumEventAgeInSeconds: consumer.maxEventAgeSeconds,
    },
    invoke: {
      maximumRetryAttempts: Math.min(retries, LAMBDA_MAX_ASYNC_RETRIES),
      maximumEventAgeInSeconds: consumer.maxEventAgeSeconds,
    },
  };
}
