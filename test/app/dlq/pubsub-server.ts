/**
 * A local gRPC server for the Pub/Sub Publisher and Subscriber services, loaded from the protos
 * `@google-cloud/pubsub` ships (google/pubsub/v1/pubsub.proto), on 127.0.0.1. It keeps one
 * subscription's messages with ack deadlines the way the service documents them
 * (https://cloud.google.com/pubsub/docs/lease-management): a pulled message is leased until its
 * deadline, ModifyAckDeadline 0 returns it at once, Acknowledge removes it.
 */
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

const PROTOS = join(require.resolve("@google-cloud/pubsub/package.json"), "..", "build", "protos");
// google/api/*.proto, which pubsub.proto imports, ship with the client's transport, google-gax.
const API_PROTOS = join(PROTOS, "..", "..", "..", "..", "google-gax", "build", "protos");

/** One message as the server stores it. */
export interface StoredMessage {
  readonly messageId: string;
  readonly data: Buffer;
  readonly attributes: Record<string, string>;
  readonly orderingKey: string;
  leasedUntil: number;
  ackId: string | undefined;
}

/** A published message, as the server received it. */
export interface PublishedMessage {
  readonly topic: string;
  readonly data: Buffer;
  readonly attributes: Record<string, string>;
  readonly orderingKey: string;
}

type Call<T> = grpc.ServerUnaryCall<T, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

/** The running server. */
export class PubSubServer {
  readonly messages: StoredMessage[] = [];
  readonly published: PublishedMessage[] = [];
  /** Publish refuses messages for which this returns true. */
  refuse: (m: PublishedMessage) => boolean = () => false;
  private acks = 0;
  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  static async start(subscription: string): Promise<PubSubServer> {
    const definition = protoLoader.loadSync("google/pubsub/v1/pubsub.proto", {
      includeDirs: [PROTOS, API_PROTOS],
      keepCase: false,
      longs: String,
      defaults: true,
    });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      google: {
        pubsub: {
          v1: {
            Publisher: grpc.ServiceClientConstructor;
            Subscriber: grpc.ServiceClientConstructor;
          };
        };
      };
    };
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    const self = new PubSubServer(server, port);
    const wrongSubscription = (name: string, cb: Callback): boolean => {
      if (name === subscription) return false;
      cb({ code: grpc.status.NOT_FOUND, details: `Resource not found (resource=${name}).` });
      return true;
    };
    const { v1 } = loaded.google.pubsub;
    server.addService(v1.Publisher.service, {
      publish: (
        call: Call<{
          topic: string;
          messages: { data: Buffer; attributes: Record<string, string>; orderingKey: string }[];
        }>,
        cb: Callback,
      ) => {
        const batch = call.request.messages.map((m) => ({
          topic: call.request.topic,
          data: Buffer.from(m.data),
          attributes: { ...m.attributes },
          orderingKey: m.orderingKey,
        }));
        if (batch.some((m) => self.refuse(m))) {
          cb({ code: grpc.status.INVALID_ARGUMENT, details: "Invalid message" });
          return;
        }
        self.published.push(...batch);
        cb(null, {
          messageIds: batch.map((_, i) => String(self.published.length - batch.length + i + 1)),
        });
      },
    });
    server.addService(v1.Subscriber.service, {
      pull: (call: Call<{ subscription: string; maxMessages: number }>, cb: Callback) => {
        if (wrongSubscription(call.request.subscription, cb)) return;
        const now = Date.now();
        const ready = self.messages
          .filter((m) => m.leasedUntil <= now)
          .slice(0, call.request.maxMessages);
        const receivedMessages = ready.map((m) => {
          m.ackId = `ack-${++self.acks}`;
          m.leasedUntil = now + 10_000;
          return {
            ackId: m.ackId,
            message: {
              messageId: m.messageId,
              data: m.data,
              attributes: m.attributes,
              orderingKey: m.orderingKey,
              publishTime: { seconds: String(Date.parse("2025-11-20T09:20:00Z") / 1000), nanos: 0 },
            },
          };
        });
        cb(null, { receivedMessages });
      },
      modifyAckDeadline: (
        call: Call<{ subscription: string; ackIds: string[]; ackDeadlineSeconds: number }>,
        cb: Callback,
      ) => {
        if (wrongSubscription(call.request.subscription, cb)) return;
        for (const m of self.messages) {
          if (m.ackId !== undefined && call.request.ackIds.includes(m.ackId)) {
            m.leasedUntil = Date.now() + call.request.ackDeadlineSeconds * 1000;
          }
        }
        cb(null, {});
      },
      acknowledge: (call: Call<{ subscription: string; ackIds: string[] }>, cb: Callback) => {
        if (wrongSubscription(call.request.subscription, cb)) return;
        for (let i = self.messages.length - 1; i >= 0; i--) {
          const id = self.messages[i]?.ackId;
          if (id !== undefined && call.request.ackIds.includes(id)) self.messages.splice(i, 1);
        }
        cb(null, {});
      },
    });
    return self;
  }

  /** Adds a message to the subscription. */
  add(messageId: string, data: Buffer, attributes: Record<string, string>, orderingKey = ""): void {
    this.messages.push({
      messageId,
      data,
      attributes,
      orderingKey,
      leasedUntil: 0,
      ackId: undefined,
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
