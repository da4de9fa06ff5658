/** A compliant GCP dead-letter setup, as the mock runtime would record it, for the Pub/Sub tests. */
import type { RecordedResource } from "../../../../policies/offline/mock-types";
import { res } from "../../support/policy-test";

export const PROJECT = "acme";
export const AGENT = "serviceAccount:service-482901735528@gcp-sa-pubsub.iam.gserviceaccount.com";
export const topicId = (n: string) => `projects/${PROJECT}/topics/${n}`;
export const subscriptionId = (n: string) => `projects/${PROJECT}/subscriptions/${n}`;

export const pushConfig = {
  pushEndpoint: "https://orders-abc-ew.a.run.app/",
  oidcToken: {
    serviceAccountEmail: "orders-push@acme.iam.gserviceaccount.com",
    audience: "https://orders-abc-ew.a.run.app",
  },
};

export interface DeadLetterSetup {
  readonly events: RecordedResource;
  readonly dlq: RecordedResource;
  readonly push: RecordedResource;
  readonly dlqPull: RecordedResource;
  readonly publisher: RecordedResource;
  readonly subscriber: RecordedResource;
  readonly alert: RecordedResource;
  readonly channel: RecordedResource;
}

/** Topic → push subscription (dead-letters to orders-dlq) → DLQ topic with a pull subscription. */
export function deadLetterSetup(): DeadLetterSetup {
  const topic = (name: string) =>
    res("gcp:pubsub/topic:Topic", name, { name }, { outputs: { name, project: PROJECT } });
  const events = topic("events");
  const dlq = topic("orders-dlq");
  const push = res(
    "gcp:pubsub/subscription:Subscription",
    "orders-push",
    {
      name: "orders-push",
      topic: topicId("events"),
      pushConfig,
      deadLetterPolicy: { deadLetterTopic: topicId("orders-dlq"), maxDeliveryAttempts: 5 },
    },
    {
      outputs: {
        name: "orders-push",
        project: PROJECT,
        topic: topicId("events"),
        pushConfig,
        deadLetterPolicy: { deadLetterTopic: topicId("orders-dlq"), maxDeliveryAttempts: 5 },
      },
    },
  );
  const dlqPull = res(
    "gcp:pubsub/subscription:Subscription",
    "orders-dlq-pull",
    { name: "orders-dlq-pull", topic: topicId("orders-dlq") },
    {
      outputs: { name: "orders-dlq-pull", project: PROJECT, topic: topicId("orders-dlq") },
    },
  );
  const publisher = res("gcp:pubsub/topicIAMMember:TopicIAMMember", "orders-dlq-publisher", {
    topic: "orders-dlq",
    role: "roles/pubsub.publisher",
    member: AGENT,
  });
  const subscriber = res(
    "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
    "orders-push-subscriber",
    {
      subscription: "orders-push",
      role: "roles/pubsub.subscriber",
      member: AGENT,
    },
  );
  const channel = res(
    "gcp:monitoring/notificationChannel:NotificationChannel",
    "oncall",
    { type: "email", labels: { email_address: "oncall@example.com" } },
    {
      outputs: {
        name: `projects/${PROJECT}/notificationChannels/123`,
        type: "email",
        enabled: true,
      },
    },
  );
  const alert = res("gcp:monitoring/alertPolicy:AlertPolicy", "orders-dlq-alert", {
    displayName: "orders dead letters",
    combiner: "OR",
    conditions: [
      {
        displayName: "messages in orders-dlq-pull",
        conditionThreshold: {
          filter:
            'resource.type = "pubsub_subscription" AND resource.label.subscription_id = "orders-dlq-pull" AND metric.type = "pubsub.googleapis.com/subscription/num_undelivered_messages"',
          comparison: "COMPARISON_GT",
          thresholdValue: 0,
          duration: "60s",
        },
      },
    ],
    notificationChannels: [`projects/${PROJECT}/notificationChannels/123`],
  });
  return { events, dlq, push, dlqPull, publisher, subscriber, alert, channel };
}

export const all = (s: DeadLetterSetup): RecordedResource[] => Object.values(s);
