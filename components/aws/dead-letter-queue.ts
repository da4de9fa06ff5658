/**
 * An encrypted SQS dead-letter queue that keeps events for 14 days, writable only by the
 * EventBridge rule (or bus) it serves and, for a consumer, the consumer's function role.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withStateful, type StatefulOptions } from "./protection";
import { deadLetterQueuePolicy } from "./resource-policies";

/** SQS's maximum retention: the time operators have to inspect and redrive. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Arguments of {@link DeadLetterQueue}. */
export interface DeadLetterQueueArgs {
  /** Physical queue name. Required. */
  readonly queueName: string;
  /** Customer managed key; when absent the queue uses SQS-managed encryption (SSE-SQS). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** ARN of the rule or bus whose undeliverable events EventBridge sends here. Required. */
  readonly eventSourceArn: pulumi.Input<string>;
  /** Role that sends failed asynchronous invocations here. Default: none. */
  readonly functionRoleArn?: pulumi.Input<string>;
  /** Tags beyond the provider's default tags. Default: none. */
  readonly tags?: Record<string, string>;
  /** Protection of the stateful resources (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
}

/**
 * A queue's encryption: SSE-SQS without a customer-managed key, else that key with data keys
 * reused for 5 minutes (fewer KMS calls per message).
 */
export function queueEncryption(kmsKeyArn: pulumi.Input<string> | undefined) {
  return kmsKeyArn === undefined
    ? { sqsManagedSseEnabled: true }
    : { kmsMasterKeyId: kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 };
}

/** A dead-letter queue with its resource policy. */
export class DeadLetterQueue extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;

  constructor(name: string, args: DeadLetterQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:DeadLetterQueue", name, {}, opts);
    const encryption = queueEncryption(args.kmsKeyArn);
    const queue = new aws.sqs.Queue(
      `${name}-queue`,
      {
        name: args.queueName,
        messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        tags: args.tags,
        ...encryption,
      },
      withStateful({ parent: this }, args.stateful),
    );
    new aws.sqs.QueuePolicy(
      `${name}-policy`,
      {
        queueUrl: queue.url,
        policy: pulumi
          .all([queue.arn, args.eventSourceArn, args.functionRoleArn])
          .apply(([queueArn, eventSourceArn, functionRoleArn]) =>
            JSON.stringify(deadLetterQueuePolicy({ queueArn, eventSourceArn, functionRoleArn })),
          ),
      },
      { parent: this },
    );
    this.arn = queue.arn;
    this.url = queue.url;
    this.name = queue.name;
    this.registerOutputs({ arn: this.arn, url: this.url, name: this.name });
  }
}
