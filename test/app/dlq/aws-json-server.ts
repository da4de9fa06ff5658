/**
 * A local HTTP server speaking the AWS JSON protocols of the calls `npm run dlq` makes: SQS
 * (`awsJson1_0`, `X-Amz-Target: AmazonSQS.<Operation>`,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-faqs.html)
 * and EventBridge (`awsJson1_1`, `X-Amz-Target: AWSEvents.PutEvents`). The SDK clients talk to it
 * over real HTTP, so requests and responses go through their serialisers, the SQS body-MD5 check
 * (@aws-sdk/middleware-sdk-sqs) and their error parsing.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The receipt handle of the newest receive; undefined while visible. */
  handle: string | undefined;
  receives: number;
}

/** One PutEvents entry as the bus received it. */
export interface PutEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
}

/** The fake queue and bus, and every call they answered. */
export class AwsJsonServer {
  readonly messages: StoredMessage[] = [];
  readonly putEvents: PutEntry[] = [];
  readonly calls: string[] = [];
  /** Event ids (`detail.id`) PutEvents answers with a per-entry failure. */
  readonly failPut = new Set<string>();
  private handles = 0;
  private server: Server | undefined;

  /** Adds a dead letter with string message attributes. */
  add(id: string, body: unknown, attributes: Record<string, string> = {}): void {
    this.messages.push({
      id,
      body: JSON.stringify(body),
      attributes,
      handle: undefined,
      receives: 0,
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok) => this.server?.listen(0, "127.0.0.1", ok));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<
      string,
      unknown
    >;
    const target = String(req.headers["x-amz-target"] ?? "");
    this.calls.push(target);
    const reply = (status: number, body: unknown, type: string) => {
      res.writeHead(status, { "content-type": type });
      res.end(JSON.stringify(body));
    };
    const sqs = (body: unknown) => reply(200, body, "application/x-amz-json-1.0");
    switch (target) {
      case "AmazonSQS.GetQueueAttributes":
        return sqs({ Attributes: { ApproximateNumberOfMessages: String(this.messages.length) } });
      case "AmazonSQS.ReceiveMessage": {
        const max = Number(input.MaxNumberOfMessages ?? 1);
        const out = this.messages.filter((m) => m.handle === undefined).slice(0, max);
        return sqs({
          Messages: out.map((m) => {
            m.handle = `handle-${++this.handles}`;
            m.receives += 1;
            return {
              MessageId: m.id,
              ReceiptHandle: m.handle,
              Body: m.body,
              MD5OfBody: createHash("md5").update(m.body).digest("hex"),
              Attributes: {
                SentTimestamp: "1763630165568",
                ApproximateReceiveCount: String(m.receives),
              },
              MessageAttributes: Object.fromEntries(
                Object.entries(m.attributes).map(([k, v]) => [
                  k,
                  { DataType: "String", StringValue: v },
                ]),
              ),
            };
          }),
        });
      }
      case "AmazonSQS.DeleteMessageBatch":
      case "AmazonSQS.ChangeMessageVisibilityBatch": {
        const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string }[];
        const successful: { Id: string }[] = [];
        const failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
        for (const e of entries) {
          const i = this.messages.findIndex((m) => m.handle === e.ReceiptHandle);
          if (i < 0) {
            failed.push({
              Id: e.Id,
              Code: "ReceiptHandleIsInvalid",
              Message: "stale",
              SenderFault: true,
            });
            continue;
          }
          if (target.endsWith("DeleteMessageBatch")) this.messages.splice(i, 1);
          else {
            const m = this.messages[i];
            if (m) m.handle = undefined;
          }
          successful.push({ Id: e.Id });
        }
        return sqs({ Successful: successful, Failed: failed });
      }
      case "AWSEvents.PutEvents": {
        const entries = (input.Entries ?? []) as PutEntry[];
        const results = entries.map((e) => {
          const id = (JSON.parse(e.Detail ?? "{}") as { id?: string }).id ?? "";
          if (this.failPut.has(id)) {
            return { ErrorCode: "InternalFailure", ErrorMessage: "try again" };
          }
          this.putEvents.push(e);
          return { EventId: `event-${this.putEvents.length}` };
        });
        return reply(
          200,
          {
            FailedEntryCount: results.filter((r) => "ErrorCode" in r).length,
            Entries: results,
          },
          "application/x-amz-json-1.1",
        );
      }
      default:
        return reply(
          400,
          { __type: "UnknownOperationException", message: `no ${target}` },
          "application/x-amz-json-1.0",
        );
    }
  }
}
