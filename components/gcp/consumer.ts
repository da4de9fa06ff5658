/**
 * One consumer: its Cloud Run service, the two identities around it (the service's own and the
 * one Pub/Sub pushes as), the filtered push subscription with its dead-letter topic, and alerts.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { AlertingConfig, ConsumerConfig, Environment, GcpAuthMode } from "../config";
import { consumerAlertSpecs } from "./alerts";
import { ConsumerAlerts } from "./consumer-alerts";
import { DeadLetter } from "./dead-letter";
import { ackDeadlineSeconds, DELIVERY, eventTypeFilter } from "./delivery";
import { consumerBindings } from "./iam";
import { resourceLabels } from "./labels";
import { displayName, runAudience, type ConsumerNames } from "./naming";
import { propagationWait } from "./propagation";
import { serviceTemplate } from "./service-spec";

/** Arguments of {@link GcpConsumer}. */
export interface GcpConsumerArgs {
  /** The consumer, all defaults applied by the config model. */
  readonly consumer: ConsumerConfig;
  /** Physical names of its resources. No default. */
  readonly names: ConsumerNames;
  readonly project: string;
  readonly region: string;
  readonly stack: string;
  /** Decides deletion protection of the service (on in prod). No default. */
  readonly environment: Environment;
  /** Protect the subscriptions and dead-letter topic (on in prod). No default. */
  readonly protect: boolean;
  /** `AUTH_MODE` of the container. No default. */
  readonly authMode: GcpAuthMode;
  /** Platform labels; the `consumer` label is added here. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /** Container image reference. No default. */
  readonly image: pulumi.Input<string>;
  /** Whether `image` is the sample built from app/consumer by this stack (service-spec.ts). */
  readonly imageBuiltFromApp: boolean;
  /** The events topic. No default. */
  readonly topic: { readonly id: pulumi.Input<string>; readonly name: string };
  readonly projectNumber: pulumi.Input<string>;
  /** IAM member of the project's Pub/Sub service agent. No default. */
  readonly pubsubAgentMember: pulumi.Input<string>;
  /** IAM member of the identity running the deployment, granted `actAs` on both accounts. */
  readonly deployerMember: pulumi.Input<string>;
  /** Key for the dead-letter topic; undefined means Google-managed encryption. No default. */
  readonly kmsKeyName: pulumi.Input<string> | undefined;
  /** The consumer's secret, when it has one; `ready` is what must exist before the service. */
  readonly secret:
    | {
        readonly id: pulumi.Input<string>;
        readonly secretId: pulumi.Input<string>;
        /** The version number the stack created (`SecretVersion.version`). */
        readonly version: pulumi.Input<string>;
        readonly ready: pulumi.Resource[];
      }
    | undefined;
  /** Direct VPC egress target, when private networking is on. No default. */
  readonly vpc:
    | { readonly network: pulumi.Input<string>; readonly subnetwork: pulumi.Input<string> }
    | undefined;
  readonly alerting: AlertingConfig;
  /** Channels the alert policies notify. No default. */
  readonly notificationChannels: pulumi.Input<string>[];
  /** The stack's Firestore database id, the consumer's shared store. Default: in-memory store. */
  readonly stateDatabase?: string;
}

/** A consumer service behind a filtered, authenticated, dead-lettered push subscription. */
export class GcpConsumer extends pulumi.ComponentResource {
  readonly service: gcp.cloudrunv2.Service;
  readonly subscription: gcp.pubsub.Subscription;
  readonly deadLetter: DeadLetter;
  readonly runtimeAccount: gcp.serviceaccount.Account;
  readonly pushAccount: gcp.serviceaccount.Account;
  /** The service's URL. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: GcpConsumerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Consumer", name, {}, opts);
    const { consumer, names, project, region } = args;
    const labels = resourceLabels(args.labels, consumer.name);
    const account = (suffix: string, accountId: string, role: string) =>
      new gcp.serviceaccount.Account(
        `${name}-${suffix}`,
        {
          project,
          accountId,
          displayName: displayName(`eventstack ${args.stack} ${consumer.name} ${role}`),
          description: `${role} of eventstack consumer ${consumer.name} (stack ${args.stack}); holds no project roles`,
        },
        { parent: this },
      );
    this.runtimeAccount = account("runtime", names.runtimeAccountId, "runtime identity");
    this.pushAccount = account("push", names.pushAccountId, "Pub/Sub push identity");

    const grants = consumerBindings(
      {
        runtime: this.runtimeAccount.member,
        push: this.pushAccount.member,
        pubsubAgent: args.pubsubAgentMember,
        deployer: args.deployerMember,
      },
      args.secret !== undefined,
    );

    // Deploying the service as the runtime identity, and a push subscription that signs as the
    // push identity, both need the deployer's actAs on that account: granted here, on the account
    // (never on the project), and given time to propagate before either is created.
    const actAs = propagationWait(
      `${name}-act-as-wait`,
      "iam",
      [
        new gcp.serviceaccount.IAMMember(
          `${name}-runtime-act-as`,
          { serviceAccountId: this.runtimeAccount.name, ...grants.runtimeActAs },
          { parent: this },
        ),
        new gcp.serviceaccount.IAMMember(
          `${name}-push-act-as`,
          { serviceAccountId: this.pushAccount.name, ...grants.pushActAs },
          { parent: this },
        ),
      ],
      this,
    );

    // Cloud Run checks at deploy time that the runtime identity can read the secret, so the
    // service waits for the grant to propagate.
    const secretAccess =
      args.secret !== undefined && grants.secretAccessor !== undefined
        ? [
            propagationWait(
              `${name}-secret-access-wait`,
              "iam",
              [
                new gcp.secretmanager.SecretIamMember(
                  `${name}-secret-accessor`,
                  { project, secretId: args.secret.id, ...grants.secretAccessor },
                  { parent: this },
                ),
              ],
              this,
            ),
          ]
        : [];

    const audience = pulumi
      .output(args.projectNumber)
      .apply((n) => runAudience(names.service, n, region));
    this.service = new gcp.cloudrunv2.Service(
      `${name}-service`,
      {
        project,
        location: region,
        name: names.service,
        description: `eventstack consumer ${consumer.name}: ${consumer.eventTypes.join(", ")}`,
        // Internal-only still admits Pub/Sub push from this project to the run.app URL, and
        // nothing from the internet.
        ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
        invokerIamDisabled: false,
        customAudiences: [audience],
        deletionProtection: args.environment === "prod",
        labels,
        template: serviceTemplate(consumer, project, labels, {
          image: args.image,
          imageBuiltFromApp: args.imageBuiltFromApp,
          serviceAccount: this.runtimeAccount.email,
          audience,
          pushServiceAccount: this.pushAccount.email,
          authMode: args.authMode,
          secret: args.secret && { secret: args.secret.secretId, version: args.secret.version },
          vpc: args.vpc,
          stateDatabase: args.stateDatabase,
        }),
      },
      { parent: this, dependsOn: [actAs, ...secretAccess, ...(args.secret?.ready ?? [])] },
    );
    this.url = this.service.uri;

    const invoker = new gcp.cloudrunv2.ServiceIamMember(
      `${name}-invoker`,
      { project, location: region, name: this.service.name, ...grants.serviceInvoker },
      { parent: this },
    );
    const tokenCreator = new gcp.serviceaccount.IAMMember(
      `${name}-push-token-creator`,
      { serviceAccountId: this.pushAccount.name, ...grants.pushTokenCreator },
      { parent: this },
    );
    // Pub/Sub pushes as the push identity only once both grants have propagated; before that
    // every push fails and counts as a delivery attempt.
    const pushGrants = propagationWait(
      `${name}-push-grants-wait`,
      "iam",
      [invoker, tokenCreator],
      this,
    );

    this.deadLetter = new DeadLetter(
      `${name}-dead-letter`,
      {
        project,
        region,
        topicName: names.deadLetterTopic,
        subscriptionName: names.deadLetterSubscription,
        publisher: grants.deadLetterPublisher,
        kmsKeyName: args.kmsKeyName,
        labels,
        protect: args.protect,
      },
      { parent: this },
    );

    this.subscription = new gcp.pubsub.Subscription(
      `${name}-subscription`,
      {
        project,
        name: names.subscription,
        topic: args.topic.id,
        filter: eventTypeFilter(consumer.eventTypes),
        ackDeadlineSeconds: ackDeadlineSeconds(consumer.timeoutSeconds),
        messageRetentionDuration: DELIVERY.subscriptionRetention,
        retainAckedMessages: false,
        retryPolicy: {
          minimumBackoff: DELIVERY.minimumBackoff,
          maximumBackoff: DELIVERY.maximumBackoff,
        },
        deadLetterPolicy: {
          deadLetterTopic: this.deadLetter.topic.id,
          maxDeliveryAttempts: consumer.maxDeliveryAttempts,
        },
        expirationPolicy: { ttl: "" },
        pushConfig: {
          pushEndpoint: this.service.uri,
          oidcToken: { serviceAccountEmail: this.pushAccount.email, audience },
        },
        labels,
      },
      {
        parent: this,
        // The first push must find its invoker and token grants, and the first dead letter a
        // subscription that keeps it; creating it needs actAs on the push identity.
        dependsOn: [pushGrants, actAs, this.deadLetter],
        // A new filter is a new subscription (its id hashes the filter): the engine creates it
        // before deleting the old one, so events published during the update reach one of them.
        protect: args.protect,
      },
    );
    new gcp.pubsub.SubscriptionIAMMember(
      `${name}-agent-subscriber`,
      { project, subscription: this.subscription.name, ...grants.subscriptionSubscriber },
      { parent: this },
    );

    new ConsumerAlerts(
      `${name}-alerts`,
      {
        project,
        specs: consumerAlertSpecs({
          consumer: consumer.name,
          stack: args.stack,
          project,
          region,
          service: names.service,
          subscription: names.subscription,
          deadLetterSubscription: names.deadLetterSubscription,
          topic: args.topic.name,
          maxDeliveryAttempts: consumer.maxDeliveryAttempts,
          maxInstances: consumer.maxInstances,
          alerting: args.alerting,
        }),
        notificationChannels: args.notificationChannels,
        labels,
      },
      { parent: this },
    );

    this.registerOutputs({
      url: this.url,
      subscription: this.subscription.id,
      deadLetterTopic: this.deadLetter.topic.id,
      deadLetterSubscription: this.deadLetter.subscription.id,
    });
  }
}
