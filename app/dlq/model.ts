/**
 * One model of a dead letter for both clouds and every record shape they write, so `list`, `show`,
 * `redrive` and `purge` never look at a cloud's wire format.
 */

/** Which documented record shape a dead letter arrived in. */
export type RecordShape =
  /** EventBridge could not deliver to the target: the event, plus ERROR_CODE/… attributes. */
  | "eventbridge-delivery-failure"
  /** EventBridge could not use the bus's key: an `Encrypted Events` envelope around the event. */
  | "eventbridge-encrypted"
  /** The consumer's queue gave up after its maxReceiveCount: the event body as delivered. */
  | "sqs-redrive"
  /** A Lambda on-failure destination record: requestPayload, responseContext, responsePayload. */
  | "lambda-on-failure"
  /** A Pub/Sub dead-letter message: the original data, attributes and ordering key. */
  | "pubsub-dead-letter";

/** What a redrive publishes on AWS: a PutEvents entry's fields. */
export interface AwsEvent {
  readonly cloud: "aws";
  readonly source: string;
  readonly detailType: string;
  /** The CloudEvent without source/type; `detail.id` is the CloudEvents id consumers dedupe on. */
  readonly detail: Readonly<Record<string, unknown>>;
  readonly time?: string | undefined;
}

/** What a redrive publishes on GCP: a Pub/Sub message without the dead-letter attributes. */
export interface GcpEvent {
  readonly cloud: "gcp";
  /** Base64, as the Pub/Sub API carries it. */
  readonly data: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly orderingKey?: string | undefined;
}

/** The event a dead letter holds. */
export type OriginalEvent = AwsEvent | GcpEvent;

/** Why the event failed, as far as the record says. */
export interface Failure {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  /** Delivery attempts before the event was dead-lettered. */
  readonly attempts?: number | undefined;
}

/** One dead letter, decoded. */
export interface DeadLetter {
  /** The dead-letter message's own id (SQS MessageId, Pub/Sub messageId): stable across receives. */
  readonly key: string;
  readonly shape: RecordShape;
  /** CloudEvents id, type, source and time of the original event, when the record holds them. */
  readonly eventId?: string | undefined;
  readonly eventType?: string | undefined;
  readonly eventSource?: string | undefined;
  readonly eventTime?: string | undefined;
  /** When the record reached the dead-letter queue or topic (RFC 3339). */
  readonly deadLetteredAt?: string | undefined;
  readonly failure: Failure;
  /** Where it failed: rule/target ARNs, function, source subscription, … */
  readonly origin: Readonly<Record<string, string>>;
  /** The event to put back; undefined when the record cannot be redriven (see `problem`). */
  readonly event?: OriginalEvent | undefined;
  /** Why the record could not be decoded into an event, naming the field. */
  readonly problem?: string | undefined;
  /** The record as received (SQS body, or the Pub/Sub message), kept for purge files. */
  readonly raw: unknown;
}

/** A received dead letter and the handle that removes or releases it. */
export interface Received {
  readonly record: DeadLetter;
  /** SQS ReceiptHandle or Pub/Sub ackId. */
  readonly handle: string;
}
