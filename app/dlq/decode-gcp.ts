/**
 * Pub/Sub dead-letter messages → {@link DeadLetter}. Pub/Sub forwards the original data,
 * attributes and ordering key and adds CloudPubSubDeadLetterSourceDeliveryCount,
 * CloudPubSubDeadLetterSourceSubscription, CloudPubSubDeadLetterSourceSubscriptionProject and
 * CloudPubSubDeadLetterSourceTopicPublishTime
 * (https://cloud.google.com/pubsub/docs/handling-failures#track-delivery-attempts and
 * https://cloud.google.com/pubsub/docs/dead-letter-topics). A redrive publishes the message
 * without those four attributes.
 */
import type { GcpEvent, DeadLetter } from "./model";

/** The attributes Pub/Sub adds when it dead-letters a message. */
export const DEAD_LETTER_ATTRIBUTES = [
  "CloudPubSubDeadLetterSourceDeliveryCount",
  "CloudPubSubDeadLetterSourceSubscription",
  "CloudPubSubDeadLetterSourceSubscriptionProject",
  "CloudPubSubDeadLetterSourceTopicPublishTime",
] as const;

/** A pulled message, in the fields the Subscriber API returns (google.pubsub.v1.PubsubMessage). */
export interface PulledMessage {
  readonly messageId: string;
  /** Base64. */
  readonly data: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly orderingKey: string;
  /** RFC 3339. */
  readonly publishTime: string | undefined;
}

/** Decodes one pulled dead-letter message. */
export function decodePubSubMessage(message: PulledMessage): DeadLetter {
  const a = message.attributes;
  const original: Record<string, string> = {};
  for (const [name, value] of Object.entries(a)) {
    if (!(DEAD_LETTER_ATTRIBUTES as readonly string[]).includes(name)) original[name] = value;
  }
  const count = Number(a.CloudPubSubDeadLetterSourceDeliveryCount);
  const origin: Record<string, string> = {};
  const subscription = a.CloudPubSubDeadLetterSourceSubscription;
  const project = a.CloudPubSubDeadLetterSourceSubscriptionProject;
  if (subscription !== undefined) {
    origin.sourceSubscription =
      project === undefined ? subscription : `projects/${project}/subscriptions/${subscription}`;
  }
  if (a.CloudPubSubDeadLetterSourceTopicPublishTime !== undefined) {
    origin.sourceTopicPublishTime = a.CloudPubSubDeadLetterSourceTopicPublishTime;
  }
  const failure = {
    code: "MaxDeliveryAttemptsExceeded",
    message: "the push endpoint did not acknowledge the message within the subscription's attempts",
    attempts: Number.isInteger(count) ? count : undefined,
  };
  const base = {
    key: message.messageId,
    shape: "pubsub-dead-letter" as const,
    deadLetteredAt: message.publishTime,
    eventId: original["ce-id"],
    eventType: original["ce-type"],
    eventSource: original["ce-source"],
    eventTime: original["ce-time"],
    failure,
    origin,
    raw: message,
  };
  if (subscription === undefined) {
    return {
      ...base,
      problem:
        "attributes.CloudPubSubDeadLetterSourceSubscription: missing, so this is not a message Pub/Sub dead-lettered",
    };
  }
  const event: GcpEvent = {
    cloud: "gcp",
    data: message.data,
    attributes: original,
    orderingKey: message.orderingKey === "" ? undefined : message.orderingKey,
  };
  return { ...base, event };
}
