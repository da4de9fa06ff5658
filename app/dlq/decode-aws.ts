/**
 * SQS messages of a dead-letter queue → {@link DeadLetter}, for every shape AWS writes there:
 *
 * - EventBridge delivery failures: the event as the body, and the message attributes ERROR_CODE,
 *   ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS, RULE_ARN, TARGET_ARN
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html);
 * - `Encrypted Events`, which EventBridge writes when it cannot use the bus's key: the event,
 *   encrypted with the AWS Encryption SDK under `detail.kms-key-arn`
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-dlq-decrypt.html);
 * - Lambda on-failure destination records: requestContext, requestPayload (the event),
 *   responseContext, responsePayload
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html);
 * - messages the consumer's queue moved here after maxReceiveCount: the delivered event as is.
 */
import type { Message } from "@aws-sdk/client-sqs";
import * as z from "zod";
import type { AwsEvent, DeadLetter, Failure } from "./model";

/** Decrypts an `Encrypted Events` payload; returns the plaintext event JSON. */
export type DecryptPayload = (encryptedPayload: string, kmsKeyArn: string) => Promise<string>;

const eventSchema = z.object({
  "detail-type": z.string().min(1),
  source: z.string().min(1),
  time: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});
type EventBridgeEvent = z.infer<typeof eventSchema>;

const encryptedSchema = z.object({
  source: z.literal("aws.events"),
  "detail-type": z.literal("Encrypted Events"),
  detail: z.object({
    "event-bus-arn": z.string().min(1),
    "rule-arn": z.string().optional(),
    "kms-key-arn": z.string().min(1),
    "encrypted-payload": z.string().min(1),
  }),
});

const lambdaRecordSchema = z.object({
  version: z.string(),
  timestamp: z.string(),
  requestContext: z.object({
    requestId: z.string(),
    functionArn: z.string(),
    condition: z.string(),
    approximateInvokeCount: z.number().int(),
  }),
  requestPayload: z.unknown(),
  responseContext: z
    .object({ statusCode: z.number().optional(), functionError: z.string().optional() })
    .optional(),
  responsePayload: z.unknown().optional(),
});

function attribute(message: Message, name: string): string | undefined {
  const value = message.MessageAttributes?.[name]?.StringValue;
  return value === undefined || value === "" ? undefined : value;
}

function sentAt(message: Message): string | undefined {
  const ms = Number(message.Attributes?.SentTimestamp);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

function toEvent(e: EventBridgeEvent): AwsEvent {
  return {
    cloud: "aws",
    source: e.source,
    detailType: e["detail-type"],
    detail: e.detail,
    time: e.time,
  };
}

function eventFields(e: EventBridgeEvent) {
  const id = e.detail.id;
  const time = e.detail.time;
  return {
    eventId: typeof id === "string" ? id : undefined,
    eventType: e["detail-type"],
    eventSource: e.source,
    eventTime: typeof time === "string" ? time : e.time,
  };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function issues(error: z.ZodError, what: string): string {
  const first = error.issues[0];
  const path = first === undefined ? "" : first.path.map(String).join(".");
  return `${what}${path === "" ? "" : `.${path}`}: ${first?.message ?? "invalid"}`;
}

/** Decodes one received SQS message. Malformed bodies become records with a `problem`. */
export async function decodeSqsMessage(
  message: Message,
  decrypt: DecryptPayload,
): Promise<DeadLetter> {
  const key = message.MessageId ?? "";
  const base = { key, deadLetteredAt: sentAt(message), raw: message.Body };
  const body = parseJson(message.Body);

  const encrypted = encryptedSchema.safeParse(body);
  if (encrypted.success) {
    const d = encrypted.data.detail;
    const origin = {
      eventBusArn: d["event-bus-arn"],
      ruleArn: d["rule-arn"] ?? "",
      kmsKeyArn: d["kms-key-arn"],
    };
    const failure = eventBridgeFailure(message);
    let plain: unknown;
    try {
      plain = parseJson(await decrypt(d["encrypted-payload"], d["kms-key-arn"]));
    } catch (err) {
      return {
        ...base,
        shape: "eventbridge-encrypted",
        failure,
        origin,
        problem: `detail.encrypted-payload: cannot decrypt with ${d["kms-key-arn"]}: ${(err as Error).message}`,
      };
    }
    const inner = eventSchema.safeParse(plain);
    if (!inner.success) {
      return {
        ...base,
        shape: "eventbridge-encrypted",
        failure,
        origin,
        problem: issues(inner.error, "decrypted event"),
      };
    }
    return {
      ...base,
      shape: "eventbridge-encrypted",
      ...eventFields(inner.data),
      failure,
      origin,
      event: toEvent(inner.data),
    };
  }

  const lambda = lambdaRecordSchema.safeParse(body);
  if (lambda.success) {
    const r = lambda.data;
    const response = r.responsePayload;
    const errorMessage =
      response !== null && typeof response === "object" && "errorMessage" in response
        ? String(response.errorMessage)
        : undefined;
    const failure: Failure = {
      code: r.responseContext?.functionError ?? r.requestContext.condition,
      message: errorMessage ?? r.requestContext.condition,
      attempts: r.requestContext.approximateInvokeCount,
    };
    const origin = {
      functionArn: r.requestContext.functionArn,
      requestId: r.requestContext.requestId,
    };
    const inner = eventSchema.safeParse(r.requestPayload);
    if (!inner.success) {
      return {
        ...base,
        shape: "lambda-on-failure",
        deadLetteredAt: r.timestamp,
        failure,
        origin,
        problem: issues(inner.error, "requestPayload"),
      };
    }
    return {
      ...base,
      shape: "lambda-on-failure",
      deadLetteredAt: r.timestamp,
      ...eventFields(inner.data),
      failure,
      origin,
      event: toEvent(inner.data),
    };
  }

  const errorCode = attribute(message, "ERROR_CODE");
  const shape = errorCode === undefined ? "sqs-redrive" : "eventbridge-delivery-failure";
  const failure: Failure =
    errorCode === undefined
      ? {
          code: "MaxReceiveCountExceeded",
          message: "the consumer failed the event on every receive from its queue",
        }
      : eventBridgeFailure(message);
  const origin: Record<string, string> = {};
  for (const [name, field] of [
    ["RULE_ARN", "ruleArn"],
    ["TARGET_ARN", "targetArn"],
  ] as const) {
    const value = attribute(message, name);
    if (value !== undefined) origin[field] = value;
  }
  if (body === undefined) {
    return { ...base, shape, failure, origin, problem: "body: not JSON" };
  }
  const event = eventSchema.safeParse(body);
  if (!event.success)
    return { ...base, shape, failure, origin, problem: issues(event.error, "body") };
  return {
    ...base,
    shape,
    ...eventFields(event.data),
    failure,
    origin,
    event: toEvent(event.data),
  };
}

function eventBridgeFailure(message: Message): Failure {
  const attempts = Number(attribute(message, "RETRY_ATTEMPTS"));
  const condition = attribute(message, "EXHAUSTED_RETRY_CONDITION");
  const text = attribute(message, "ERROR_MESSAGE");
  return {
    code: attribute(message, "ERROR_CODE"),
    message: condition === undefined ? text : `${text ?? ""}${text ? " " : ""}(${condition})`,
    attempts: Number.isInteger(attempts) ? attempts : undefined,
  };
}
