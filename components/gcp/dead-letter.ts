/**
 * Where one consumer's undeliverable events go: a dead-letter topic and a pull subscription that
 * keeps them (a topic without a subscription would drop them), with the Pub/Sub service agent
 * allowed to publish there.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { DELIVERY } from "./delivery";
import type { Binding } from "./iam";

/** Arguments of {@link DeadLetter}. */
export interface DeadLetterArgs {
  readonly project: string;
  /** Region dead letters are stored in. No default. */
  readonly region: string;
  /** Dead-letter topic id. No default. */
  readonly topicName: string;
  /** Id of the subscription that holds the dead letters. No default. */
  readonly subscriptionName: string;
  /** The grant that lets the Pub/Sub service agent forward events here. No default. */
  readonly publisher: Binding<pulumi.Input<string>>;
  /** Customer-managed key; undefined means Google-managed encryption. No default. */
  readonly kmsKeyName: pulumi.Input<string> | undefined;
  /** Labels for the topic and subscription. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /** Protect the topic and subscription (the dead letters they hold); on in prod. No default. */
  readonly protect: boolean;
}

/** A consumer's dead-letter topic and the subscription that keeps its messages. */
export class DeadLetter extends pulumi.ComponentResource {
  readonly topic: gcp.pubsub.Topic;
  readonly subscription: gcp.pubsub.Subscription;
  /** The agent's publisher grant; subscriptions dead-lettering here must wait for it. */
  readonly publisherGrant: gcp.pubsub.TopicIAMMember;

  constructor(name: string, args: DeadLetterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:DeadLetter", name, {}, opts);
    this.topic = new gcp.pubsub.Topic(
      `${name}-topic`,
      {
        project: args.project,
        name: args.topicName,
        messageStoragePolicy: { allowedPersistenceRegions: [args.region] },
        kmsKeyName: args.kmsKeyName,
        labels: { ...args.labels },
      },
      { parent: this, protect: args.protect },
    );
    this.subscription = new gcp.pubsub.Subscription(
      `${name}-subscription`,
      {
        project: args.project,
        name: args.subscriptionName,
        topic: this.topic.id,
        ackDeadlineSeconds: 60,
        messageRetentionDuration: DELIVERY.deadLetterRetention,
        retainAckedMessages: false,
        expirationPolicy: { ttl: "" },
        labels: { ...args.labels },
      },
      { parent: this, protect: args.protect },
    );
    this.publisherGrant = new gcp.pubsub.TopicIAMMember(
      `${name}-agent-publisher`,
      {
        project: args.project,
        topic: this.topic.name,
        role: args.publisher.role,
        member: args.publisher.member,
      },
      { parent: this },
    );
    this.registerOutputs({ topic: this.topic.id, subscription: this.subscription.id });
  }
}
