/**
 * The platform's custom EventBridge bus and its archive (so events can be replayed), optionally
 * encrypted with the data key; with a key, also the bus's own dead-letter queue, which receives
 * events the bus cannot encrypt or decrypt, and is therefore encrypted with another key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmDefinition } from "./alarm-definitions";
import { DeadLetterQueue } from "./dead-letter-queue";
import { createMetricAlarms } from "./metric-alarms";
import { withStateful, type StatefulOptions } from "./protection";

/** Arguments of {@link EventBus}. */
export interface EventBusArgs {
  /** Physical bus name. Required. */
  readonly busName: string;
  /** Physical archive name. Required. */
  readonly archiveName: string;
  /** Days the archive keeps events (`eventRetentionDays`). Required. */
  readonly retentionDays: number;
  /** Customer managed key for the bus and archive; when absent, AWS owned keys. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Whether the bus gets a dead-letter queue (set when a customer managed key is used). */
  readonly deadLetterQueue: boolean;
  /** The dead-letter queue's key, independent of the bus's own. Required with a queue. */
  readonly deadLetterKmsKeyArn?: pulumi.Input<string>;
  /** Physical name of the bus's dead-letter queue. Required. */
  readonly deadLetterQueueName: string;
  /** The bus ARN derived from its name: the queue policy needs it before the bus exists. */
  readonly busArn: pulumi.Input<string>;
  /** Alarms on the bus's dead-letter queue. Default: none. */
  readonly alarms?: readonly AlarmDefinition[];
  /** Where the alarms notify. Required. */
  readonly alertTopicArn: pulumi.Input<string>;
  /** Protection of the stateful resources (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
}

/** The bus, its archive and, with a key, its dead-letter queue. */
export class EventBus extends pulumi.ComponentResource {
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** The bus's own dead-letter queue, when it has one (operators read and redrive it). */
  readonly deadLetterQueueUrl: pulumi.Output<string> | undefined;

  constructor(name: string, args: EventBusArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:EventBus", name, {}, opts);
    if (args.deadLetterQueue && args.deadLetterKmsKeyArn === undefined) {
      throw new pulumi.InputPropertyError({
        propertyPath: "deadLetterKmsKeyArn",
        reason: "the bus's dead-letter queue needs its own key; got none",
      });
    }
    const dlq = args.deadLetterQueue
      ? new DeadLetterQueue(
          `${name}-dlq`,
          {
            queueName: args.deadLetterQueueName,
            kmsKeyArn: args.deadLetterKmsKeyArn,
            eventSourceArn: args.busArn,
            stateful: args.stateful,
          },
          { parent: this },
        )
      : undefined;
    const bus = new aws.cloudwatch.EventBus(
      `${name}-bus`,
      {
        name: args.busName,
        description: "eventstack: CloudEvents published by the platform's producers",
        kmsKeyIdentifier: args.kmsKeyArn,
        deadLetterConfig: dlq ? { arn: dlq.arn } : undefined,
      },
      withStateful({ parent: this }, args.stateful),
    );
    new aws.cloudwatch.EventArchive(
      `${name}-archive`,
      {
        name: args.archiveName,
        description: `Every event on ${args.busName}, for replay`,
        eventSourceArn: bus.arn,
        retentionDays: args.retentionDays,
        kmsKeyIdentifier: args.kmsKeyArn,
      },
      withStateful({ parent: this }, args.stateful),
    );
    if (dlq) createMetricAlarms(name, args.alarms ?? [], args.alertTopicArn, {}, { parent: this });
    this.name = bus.name;
    this.arn = bus.arn;
    this.deadLetterQueueUrl = dlq?.url;
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
