/**
 * A consumer's delivery queue: EventBridge puts the rule's events on it, the function polls it,
 * and SQS moves a message the handler failed `maxDeliveryAttempts` times to the dead-letter queue.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DeliveryPolicy } from "./delivery";
import { withStateful, type StatefulOptions } from "./protection";
import { queueEncryption } from "./dead-letter-queue";
import { deliveryQueuePolicy } from "./resource-policies";

/** Arguments of {@link ConsumerQueue}. */
export interface ConsumerQueueArgs {
  /** Physical queue name. Required. */
  readonly queueName: string;
  /** Customer managed key; when absent the queue uses SQS-managed encryption (SSE-SQS). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** The rule whose events EventBridge puts on the queue. Required. */
  readonly ruleArn: pulumi.Input<string>;
  /** Where SQS moves messages received `maxReceiveCount` times. Required. */
  readonly deadLetterQueueArn: pulumi.Input<string>;
  /** Receive count, visibility timeout and retention (see `deliveryPolicy`). Required. */
  readonly delivery: DeliveryPolicy["queue"];
  /** Tags beyond the provider's default tags. Default: none. */
  readonly tags?: Record<string, string>;
  /** Protection of the queue (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
}

/** The queue and its resource policy. */
export class ConsumerQueue extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  /** The queue policy: the rule target waits for it, or EventBridge's first puts are refused. */
  readonly policy: aws.sqs.QueuePolicy;

  constructor(name: string, args: ConsumerQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:ConsumerQueue", name, {}, opts);
    const encryption = queueEncryption(args.kmsKeyArn);
    const queue = new aws.sqs.Queue(
      `${name}-queue`,
      {
        name: args.queueName,
        visibilityTimeoutSeconds: args.delivery.visibilityTimeoutSeconds,
        messageRetentionSeconds: args.delivery.messageRetentionSeconds,
        redrivePolicy: pulumi
          .output(args.deadLetterQueueArn)
          .apply((deadLetterTargetArn) =>
            JSON.stringify({ deadLetterTargetArn, maxReceiveCount: args.delivery.maxReceiveCount }),
          ),
        tags: args.tags,
        ...encryption,
      },
      withStateful({ parent: this }, args.stateful),
    );
    this.policy = new aws.sqs.QueuePolicy(
      `${name}-policy`,
      {
        queueUrl: queue.url,
        policy: pulumi
          .all([queue.arn, args.ruleArn])
          .apply(([queueArn, ruleArn]) =>
            JSON.stringify(deliveryQueuePolicy({ queueArn, ruleArn })),
          ),
      },
      { parent: this },
    );
    this.arn = queue.arn;
    this.url = queue.url;
    this.registerOutputs({ arn: this.arn, url: this.url });
  }
}
