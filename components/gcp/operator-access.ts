/**
 * The identity operators act as to work on dead letters (`npm run dlq`, app/dlq/gcp-subscription.ts):
 * a service account that may pull, acknowledge and extend the deadline of messages on each
 * consumer's dead-letter subscription (`roles/pubsub.subscriber`) and publish to the events topic
 * (`roles/pubsub.publisher`), each granted on that one resource. With `eventstack:operatorMember`,
 * that member may mint the account's tokens (impersonate it), granted on the account alone.
 *
 * No Cloud KMS grant: with a customer-managed key, Pub/Sub's own service agent wraps and unwraps
 * the topic's data keys, and "Pub/Sub decrypts the messages shortly before they are delivered to
 * subscribers" ("Configure message encryption", https://cloud.google.com/pubsub/docs/encryption).
 */
import { createHash } from "node:crypto";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ROLES, serviceAccountMember, type Binding } from "./iam";
import { displayName, fit, NAME_LIMITS } from "./naming";

/** The operator's grants, keyed by the single resource each is made on. */
export interface OperatorBindings<M> {
  /** On each consumer's dead-letter subscription: pull, acknowledge, modify ack deadlines. */
  readonly deadLetterSubscriber: Binding<M>;
  /** On the events topic: publish dead letters back. */
  readonly topicPublisher: Binding<M>;
  /** On the operator service account: the configured member may impersonate it. */
  readonly impersonation: Binding<M> | undefined;
}

/** The grants the operator identity needs, and no others. */
export function operatorBindings<M>(operator: M, member: M | undefined): OperatorBindings<M> {
  return {
    deadLetterSubscriber: { role: ROLES.pubsubSubscriber, member: operator },
    topicPublisher: { role: ROLES.pubsubPublisher, member: operator },
    impersonation: member === undefined ? undefined : { role: ROLES.tokenCreator, member },
  };
}

/**
 * `dlq-operator-<4 hex of the prefix>`: a role no consumer account has (theirs end in
 * `-run-<hex>` or `-push-<hex>`), and distinct per stack in a shared project.
 */
export function operatorAccountId(prefix: string): string {
  const hash = createHash("sha256").update(prefix).digest("hex").slice(0, 4);
  return fit(`dlq-operator-${hash}`, NAME_LIMITS.serviceAccount);
}

/** Arguments of {@link GcpOperatorAccess}. */
export interface GcpOperatorAccessArgs {
  readonly project: string;
  /** The stack, in the account's display name. No default. */
  readonly stack: string;
  /** The service account id ({@link operatorAccountId}). No default. */
  readonly accountId: string;
  /** Each consumer's dead-letter subscription (its name in `project`), by consumer. No default. */
  readonly deadLetterSubscriptions: readonly {
    readonly consumer: string;
    readonly subscription: pulumi.Input<string>;
  }[];
  /** The events topic (its name in `project`). No default. */
  readonly topic: pulumi.Input<string>;
  /** `eventstack:operatorMember`; undefined: nobody is granted impersonation here. */
  readonly member: string | undefined;
}

/** The dead-letter operator service account and its grants. */
export class GcpOperatorAccess extends pulumi.ComponentResource {
  /** The account's email, which operators impersonate. */
  readonly email: pulumi.Output<string>;

  constructor(name: string, args: GcpOperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:OperatorAccess", name, {}, opts);
    const account = new gcp.serviceaccount.Account(
      `${name}-account`,
      {
        project: args.project,
        accountId: args.accountId,
        displayName: displayName(`eventstack ${args.stack} dead-letter operator`),
        description: `reads, redrives and purges dead letters of eventstack stack ${args.stack}; holds no project roles`,
      },
      { parent: this },
    );
    const grants = operatorBindings(
      account.email.apply(serviceAccountMember),
      args.member === undefined ? undefined : pulumi.output(args.member),
    );
    for (const { consumer, subscription } of args.deadLetterSubscriptions) {
      new gcp.pubsub.SubscriptionIAMMember(
        `${name}-${consumer}-dlq-subscriber`,
        {
          project: args.project,
          subscription,
          role: grants.deadLetterSubscriber.role,
          member: grants.deadLetterSubscriber.member,
        },
        { parent: this },
      );
    }
    new gcp.pubsub.TopicIAMMember(
      `${name}-topic-publisher`,
      {
        project: args.project,
        topic: args.topic,
        role: grants.topicPublisher.role,
        member: grants.topicPublisher.member,
      },
      { parent: this },
    );
    if (grants.impersonation !== undefined) {
      new gcp.serviceaccount.IAMMember(
        `${name}-impersonation`,
        {
          serviceAccountId: account.name,
          role: grants.impersonation.role,
          member: grants.impersonation.member,
        },
        { parent: this },
      );
    }
    this.email = account.email;
    this.registerOutputs({ email: this.email });
  }
}
