/**
 * An SQS queue's documented receive semantics behind `aws-sdk-client-mock`: received messages are
 * hidden for VisibilityTimeout, each receive issues a new receipt handle and only the newest one
 * deletes (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from "@aws-sdk/client-sqs";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";

interface Stored {
  readonly message: Message;
  visibleAt: number;
  handle: string | undefined;
  receives: number;
}

/** A queue the mocked client reads; `clock` advances hiding without timers. */
export class FakeQueue {
  readonly stored: Stored[] = [];
  clock = 0;
  private handles = 0;
  readonly mock: AwsClientStub<SQSClient>;
  /** Called before each DeleteMessageBatch: throw to inject a failure. */
  beforeDelete: () => void = () => undefined;
  /** Called before each ReceiveMessage (e.g. to let time pass). */
  onReceive: () => void = () => undefined;

  constructor() {
    this.mock = mockClient(SQSClient);
    this.mock.on(GetQueueAttributesCommand).callsFake(() => ({
      Attributes: { ApproximateNumberOfMessages: String(this.stored.length) },
    }));
    this.mock
      .on(ReceiveMessageCommand)
      .callsFake((input: { MaxNumberOfMessages?: number; VisibilityTimeout?: number }) => {
        this.onReceive();
        const visible = this.stored
          .filter((s) => s.visibleAt <= this.clock)
          .slice(0, input.MaxNumberOfMessages ?? 1);
        const Messages = visible.map((s) => {
          s.handle = `rh-${++this.handles}`;
          s.receives += 1;
          s.visibleAt = this.clock + (input.VisibilityTimeout ?? 30) * 1000;
          return {
            ...s.message,
            ReceiptHandle: s.handle,
            Attributes: { ...s.message.Attributes, ApproximateReceiveCount: String(s.receives) },
          };
        });
        return { Messages };
      });
    this.mock
      .on(DeleteMessageBatchCommand)
      .callsFake((input: { Entries: { Id: string; ReceiptHandle: string }[] }) => {
        this.beforeDelete();
        const Successful: { Id: string }[] = [];
        const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
        for (const e of input.Entries) {
          const i = this.stored.findIndex((s) => s.handle === e.ReceiptHandle);
          if (i < 0) {
            Failed.push({
              Id: e.Id,
              Code: "ReceiptHandleIsInvalid",
              Message: "The receipt handle has expired.",
              SenderFault: true,
            });
          } else {
            this.stored.splice(i, 1);
            Successful.push({ Id: e.Id });
          }
        }
        return { Successful, Failed };
      });
    this.mock
      .on(ChangeMessageVisibilityBatchCommand)
      .callsFake(
        (input: {
          Entries: { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[];
        }) => {
          for (const e of input.Entries) {
            const s = this.stored.find((x) => x.handle === e.ReceiptHandle);
            if (s !== undefined) s.visibleAt = this.clock + e.VisibilityTimeout * 1000;
          }
          return { Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] };
        },
      );
  }

  /** Adds a message as the sender wrote it. */
  send(
    id: string,
    body: string,
    attributes: Record<string, string> = {},
    sentAt = Date.parse("2025-11-20T09:20:00Z"),
  ): void {
    const MessageAttributes: Record<string, MessageAttributeValue> = {};
    for (const [k, v] of Object.entries(attributes))
      MessageAttributes[k] = { DataType: "String", StringValue: v };
    this.stored.push({
      message: {
        MessageId: id,
        Body: body,
        MessageAttributes,
        Attributes: { SentTimestamp: String(sentAt) },
      },
      visibleAt: 0,
      handle: undefined,
      receives: 0,
    });
  }

  ids(): string[] {
    return this.stored.map((s) => s.message.MessageId ?? "");
  }

  restore(): void {
    this.mock.restore();
  }
}
