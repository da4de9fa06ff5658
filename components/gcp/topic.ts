/**
 * The events topic publishers send CloudEvents to (Pub/Sub binary binding: `ce-*` attributes).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { daysDuration } from "./delivery";

/** Arguments of {@link EventsTopic}. */
export interface EventsTopicArgs {
  readonly project: string;
  /** Region messages are stored in. No default. */
  readonly region: string;
  /** Topic id. No default. */
  readonly topicName: string;
  /** Days published events are kept for replay (`eventRetentionDays`). No default. */
  readonly retentionDays: number;
  /** Customer-managed key; undefined means Google-managed encryption. No default. */
  readonly kmsKeyName: pulumi.Input<string> | undefined;
  /** Labels for the topic. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /** Protect the topic (and the events it retains) from deletion; on in prod. No default. */
  readonly protect: boolean;
}

/** The platform's events topic. */
export class EventsTopic extends pulumi.ComponentResource {
  readonly topic: gcp.pubsub.Topic;
  /** `projects/<project>/topics/<name>`. */
  readonly id: pulumi.Output<string>;

  constructor(name: string, args: EventsTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:EventsTopic", name, {}, opts);
    this.topic = new gcp.pubsub.Topic(
      `${name}-topic`,
      {
        project: args.project,
        name: args.topicName,
        messageRetentionDuration: daysDuration(args.retentionDays),
        // Events stay in the deployment region, next to the regional key that encrypts them.
        messageStoragePolicy: { allowedPersistenceRegions: [args.region] },
        kmsKeyName: args.kmsKeyName,
        labels: { ...args.labels },
      },
      { parent: this, protect: args.protect },
    );
    this.id = this.topic.id;
    this.registerOutputs({ id: this.id });
  }
}
