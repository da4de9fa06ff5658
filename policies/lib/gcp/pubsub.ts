/** The Pub/Sub subscription properties the rules read. */
import { z } from "zod";
import { field } from "../values";

export const subscriptionSchema = z.looseObject({
  topic: field(z.string()),
  pushConfig: field(
    z.looseObject({
      pushEndpoint: field(z.string()),
      oidcToken: field(
        z.looseObject({ serviceAccountEmail: field(z.string()), audience: field(z.string()) }),
      ),
    }),
  ),
  deadLetterPolicy: field(
    z.looseObject({ deadLetterTopic: field(z.string()), maxDeliveryAttempts: field(z.number()) }),
  ),
});

/** GCP type tokens the Pub/Sub relationship rules follow. */
export const G = {
  topic: "gcp:pubsub/topic:Topic",
  subscription: "gcp:pubsub/subscription:Subscription",
  alertPolicy: "gcp:monitoring/alertPolicy:AlertPolicy",
  notificationChannel: "gcp:monitoring/notificationChannel:NotificationChannel",
  runV2: "gcp:cloudrunv2/service:Service",
  runV1: "gcp:cloudrun/service:Service",
} as const;
