/**
 * A Pub/Sub dead-letter subscription as a {@link DeadLetterSource} and the events topic as an
 * {@link EventSink}, through the Publisher and Subscriber APIs
 * (https://cloud.google.com/pubsub/docs/reference/rpc/google.pubsub.v1): Pull, ModifyAckDeadline
 * (to hold and, with 0, to release), Acknowledge, Publish. `PUBSUB_EMULATOR_HOST` is honoured the
 * way `@google-cloud/pubsub` reads it.
 */
import { PubSub, v1 } from "@google-cloud/pubsub";
import { decodePubSubMessage, type PulledMessage } from "./decode-gcp";
import type { GcpEvent, Received } from "./model";
import type { DeadLetterSource, EventSink, PublishOutcome } from "./ports";

/** How long a pulled record stays leased while the run holds it (Pub/Sub allows up to 600 s). */
export const HOLD_SECONDS = 600;
/** An empty subscription makes Pull wait; this long without messages means it is drained. */
const PULL_TIMEOUT_MS = 5000;
const DEADLINE_EXCEEDED = 4;

/** The two API clients, configured like `new PubSub()` (project, emulator host, credentials). */
export interface PubSubClients {
  readonly subscriber: v1.SubscriberClient;
  readonly publisher: v1.PublisherClient;
  close(): Promise<void>;
}

/** Clients for `projectId`. */
export async function pubSubClients(projectId: string): Promise<PubSubClients> {
  const { port, ...config } = await new PubSub({ projectId }).getClientConfig();
  // PubSub resolves the emulator host (a string port) the same way for its own gax clients.
  const options = { ...config, ...(port === undefined ? {} : { port: Number(port) }) };
  const subscriber = new v1.SubscriberClient(options);
  const publisher = new v1.PublisherClient(options);
  return {
    subscriber,
    publisher,
    close: async () => {
      await Promise.all([subscriber.close(), publisher.close()]);
    },
  };
}

type Timestamp = {
  seconds?: number | string | { toString(): string } | null;
  nanos?: number | null;
};

function rfc3339(t: Timestamp | null | undefined): string | undefined {
  if (t === null || t === undefined || t.seconds === null || t.seconds === undefined)
    return undefined;
  const ms = Number(String(t.seconds)) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function isDeadlineExceeded(err: unknown): boolean {
  return err !== null && typeof err === "object" && "code" in err && err.code === DEADLINE_EXCEEDED;
}

/** The dead-letter subscription `subscription` (`projects/…/subscriptions/…`). */
export function pubSubSource(
  subscriber: v1.SubscriberClient,
  subscription: string,
): DeadLetterSource {
  return {
    // Pub/Sub keeps no count an API returns (Cloud Monitoring's num_undelivered_messages does).
    count: () => Promise.resolve(undefined),
    async receive(max) {
      let response;
      try {
        [response] = await subscriber.pull(
          { subscription, maxMessages: max },
          { timeout: PULL_TIMEOUT_MS, retry: null },
        );
      } catch (err) {
        if (isDeadlineExceeded(err)) return [];
        throw err;
      }
      const received: Received[] = [];
      for (const m of response.receivedMessages ?? []) {
        const msg = m.message;
        if (!m.ackId || !msg?.messageId) continue;
        const pulled: PulledMessage = {
          messageId: msg.messageId,
          data: Buffer.from(msg.data ?? new Uint8Array()).toString("base64"),
          attributes: { ...(msg.attributes ?? {}) },
          orderingKey: msg.orderingKey ?? "",
          publishTime: rfc3339(msg.publishTime),
        };
        received.push({ record: decodePubSubMessage(pulled), handle: m.ackId });
      }
      if (received.length > 0) {
        await subscriber.modifyAckDeadline({
          subscription,
          ackIds: received.map((r) => r.handle),
          ackDeadlineSeconds: HOLD_SECONDS,
        });
      }
      return received;
    },
    async remove(records) {
      const failed = new Map<string, string>();
      if (records.length === 0) return failed;
      try {
        await subscriber.acknowledge({ subscription, ackIds: records.map((r) => r.handle) });
      } catch (err) {
        for (const r of records) failed.set(r.record.key, (err as Error).message);
      }
      return failed;
    },
    async release(records) {
      if (records.length === 0) return;
      await subscriber.modifyAckDeadline({
        subscription,
        ackIds: records.map((r) => r.handle),
        ackDeadlineSeconds: 0,
      });
    },
  };
}

/**
 * The events topic. Each record is its own Publish request: a request is accepted or refused as a
 * whole, so one refused message cannot take others with it, and the returned message id is the ack.
 */
export function pubSubSink(publisher: v1.PublisherClient, topic: string): EventSink {
  return {
    batchSize: 10,
    async publish(records) {
      const outcomes = new Map<string, PublishOutcome>();
      for (const r of records) {
        const e: GcpEvent | undefined =
          r.record.event?.cloud === "gcp" ? r.record.event : undefined;
        if (e === undefined) {
          outcomes.set(r.record.key, { ok: false, reason: "the record holds no Pub/Sub message" });
          continue;
        }
        try {
          const [out] = await publisher.publish({
            topic,
            messages: [
              {
                data: Buffer.from(e.data, "base64"),
                attributes: { ...e.attributes },
                ...(e.orderingKey === undefined ? {} : { orderingKey: e.orderingKey }),
              },
            ],
          });
          const acked = (out.messageIds ?? []).length === 1;
          outcomes.set(
            r.record.key,
            acked ? { ok: true } : { ok: false, reason: "Publish returned no message id" },
          );
        } catch (err) {
          outcomes.set(r.record.key, { ok: false, reason: (err as Error).message });
        }
      }
      return outcomes;
    },
  };
}
