/**
 * Builds a target's source and sink from the cloud clients.
 */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { KMS } from "@aws-sdk/client-kms";
import { SQSClient } from "@aws-sdk/client-sqs";
import { eventBridgeSink } from "./aws-bus";
import { sqsSource } from "./aws-queue";
import { encryptionSdkDecrypter } from "./decrypt-aws";
import { pubSubClients, pubSubSink, pubSubSource } from "./gcp-subscription";
import type { DlqTarget } from "./outputs";
import type { DeadLetterSource, EventSink } from "./ports";

/** A connected source and sink, and what to close. */
export interface Connection {
  readonly source: DeadLetterSource;
  readonly sink: EventSink;
  close(): Promise<void>;
}

/** Connects to the target's cloud with the caller's default credentials. */
export async function connect(target: DlqTarget): Promise<Connection> {
  if (target.cloud === "aws") {
    const config = { region: target.region };
    const sqs = new SQSClient(config);
    const events = new EventBridgeClient(config);
    const kms = new KMS(config);
    return {
      source: sqsSource(sqs, target.queueUrl, encryptionSdkDecrypter(kms)),
      sink: eventBridgeSink(events, target.busName),
      close: () => {
        sqs.destroy();
        events.destroy();
        kms.destroy();
        return Promise.resolve();
      },
    };
  }
  const project = target.deadLetterSubscription.split("/")[1] ?? "";
  const clients = await pubSubClients(project);
  return {
    source: pubSubSource(clients.subscriber, target.deadLetterSubscription),
    sink: pubSubSink(clients.publisher, target.topic),
    close: () => clients.close(),
  };
}
