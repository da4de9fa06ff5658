/**
 * The state store on a DynamoDB table (partition key `pk`, string; TTL attribute `expiresAt`,
 * epoch seconds) through the AWS SDK v3 client. Items, all namespaced by the consumer:
 *   `<ns>#idem#<key>`            state, digest, token, leaseUntil (ms), expiresAt
 *   `<ns>#<collection>#<id>`     data (JSON text), revision, recent (the last applied keys)
 *
 * `applyOnce` writes the document with one conditional PutItem on the revision it read
 * (optimistic concurrency), carrying the applied key in `recent`: the change and the fact that the
 * event was applied land together or not at all. The idempotency record is written afterwards; a
 * crash in between leaves a redelivery that finds its key in `recent` and is a duplicate.
 * Condition expressions: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 * TTL deletes expired items only eventually (typically within a few days), so reads compare
 * `expiresAt` with the clock themselves:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import * as z from "zod";
import { EventInProgressError, RetryableError, errorMessage } from "../errors";
import type { ClaimResult } from "../idempotency";
import {
  MAX_WRITE_ATTEMPTS,
  checkDocRef,
  claimToken,
  withRecentKey,
  type ApplyRequest,
  type ApplyResult,
  type DocData,
  type DocRef,
  type StateStore,
  type StoreTiming,
} from "./store";

/** Options of the DynamoDB store. */
export interface DynamoStateOptions extends StoreTiming {
  readonly table: string;
  /** Key prefix: the consumer's name. */
  readonly namespace: string;
  /** A client to use (tests pass one for a local endpoint); default: region/credentials from the environment. */
  readonly client?: DynamoDBClient;
  /** Endpoint override for local servers. */
  readonly endpoint?: URL;
}

type Item = Record<string, AttributeValue>;

const recordItem = z.object({
  state: z.object({ S: z.enum(["in-progress", "done"]) }),
  digest: z.object({ S: z.string() }).optional(),
  leaseUntil: z.object({ N: z.string() }).optional(),
  expiresAt: z.object({ N: z.string() }),
});

const docItem = z.object({
  data: z.object({ S: z.string() }),
  revision: z.object({ N: z.string() }),
  recent: z.object({ L: z.array(z.object({ S: z.string() })) }),
});

const docData = z.record(z.string(), z.unknown());

/** Builds the SDK client with bounded timeouts and attempts, so a hanging endpoint fails fast. */
export function createDynamoClient(endpoint?: URL): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 1000,
      requestTimeout: 3000,
      throwOnRequestTimeout: true,
    }),
    ...(endpoint === undefined ? {} : { endpoint: endpoint.href }),
  });
}

/** A state store on a DynamoDB table. */
export class DynamoStateStore implements StateStore {
  readonly #client: DynamoDBClient;
  readonly #table: string;
  readonly #ns: string;
  readonly #timing: StoreTiming;
  readonly #now: () => number;
  /** Tokens of this instance's open claims, so `release` deletes only its own claim. */
  readonly #tokens = new Map<string, string>();

  constructor(options: DynamoStateOptions) {
    this.#client = options.client ?? createDynamoClient(options.endpoint);
    this.#table = options.table;
    this.#ns = options.namespace;
    this.#timing = options;
    this.#now = options.now ?? Date.now;
  }

  async claim(key: string, digest?: string): Promise<ClaimResult> {
    const now = this.#now();
    const token = claimToken();
    try {
      await this.#guard(
        this.#client.send(
          new PutItemCommand({
            TableName: this.#table,
            Item: {
              pk: { S: this.#recordKey(key) },
              state: { S: "in-progress" },
              token: { S: token },
              leaseUntil: { N: String(now + this.#timing.claimTtlMs) },
              expiresAt: { N: epochSeconds(now + this.#timing.doneTtlMs) },
              ...(digest === undefined ? {} : { digest: { S: digest } }),
            },
            // Free when absent, expired (TTL lags), or an in-progress claim whose lease ran out.
            ConditionExpression:
              "attribute_not_exists(pk) OR expiresAt < :nowSec OR (#state = :inProgress AND leaseUntil < :now)",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: {
              ":nowSec": { N: epochSeconds(now) },
              ":now": { N: String(now) },
              ":inProgress": { S: "in-progress" },
            },
          }),
        ),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const record = await this.#record(key);
      // Gone between the write and the read (released): the redelivery will claim it.
      return record?.state === "done" ? "done" : "in-progress";
    }
    this.#tokens.set(key, token);
    return "claimed";
  }

  async complete(key: string): Promise<void> {
    this.#tokens.delete(key);
    // Unconditional: the effect happened, whoever holds the claim now.
    await this.#guard(
      this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: { pk: { S: this.#recordKey(key) } },
          UpdateExpression: "SET #state = :done, expiresAt = :expires REMOVE #token, leaseUntil",
          ExpressionAttributeNames: { "#state": "state", "#token": "token" },
          ExpressionAttributeValues: {
            ":done": { S: "done" },
            ":expires": { N: epochSeconds(this.#now() + this.#timing.doneTtlMs) },
          },
        }),
      ),
    );
  }

  async release(key: string): Promise<void> {
    const token = this.#tokens.get(key);
    this.#tokens.delete(key);
    if (token === undefined) return;
    try {
      await this.#guard(
        this.#client.send(
          new DeleteItemCommand({
            TableName: this.#table,
            Key: { pk: { S: this.#recordKey(key) } },
            ConditionExpression: "#token = :token",
            ExpressionAttributeNames: { "#token": "token" },
            ExpressionAttributeValues: { ":token": { S: token } },
          }),
        ),
      );
    } catch (err) {
      // Another delivery took the claim over after this one's lease ran out: leave it.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async digestOf(key: string): Promise<string | undefined> {
    return (await this.#record(key))?.digest;
  }

  async applyOnce(request: ApplyRequest): Promise<ApplyResult> {
    checkDocRef(request.doc);
    const record = await this.#record(request.key);
    if (record?.state === "done") return { outcome: "duplicate", digest: record.digest };
    if (record?.state === "in-progress") {
      throw new EventInProgressError(`event ${request.key} is claimed by another delivery`);
    }
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.#doc(request.doc);
      if (current?.recent.includes(request.key) === true) {
        await this.#markDone(request.key, request.digest);
        return { outcome: "duplicate", digest: undefined };
      }
      const next = request.update(current?.data);
      if (next === undefined) {
        await this.#markDone(request.key, request.digest);
        return { outcome: "unchanged" };
      }
      const revision = current?.revision ?? 0;
      try {
        await this.#guard(
          this.#client.send(
            new PutItemCommand({
              TableName: this.#table,
              Item: {
                pk: { S: this.#docKey(request.doc) },
                data: { S: JSON.stringify(next) },
                revision: { N: String(revision + 1) },
                recent: {
                  L: withRecentKey(current?.recent ?? [], request.key).map((S) => ({ S })),
                },
              },
              ...(current === undefined
                ? { ConditionExpression: "attribute_not_exists(pk)" }
                : {
                    ConditionExpression: "revision = :revision",
                    ExpressionAttributeValues: { ":revision": { N: String(revision) } },
                  }),
            }),
          ),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) continue; // another write won: re-read
        throw err;
      }
      await this.#markDone(request.key, request.digest);
      return { outcome: "applied" };
    }
    throw new RetryableError(
      `document ${request.doc.collection}/${request.doc.id} changed under ${MAX_WRITE_ATTEMPTS} attempts in a row; retry`,
    );
  }

  async read(doc: DocRef): Promise<DocData | undefined> {
    checkDocRef(doc);
    return (await this.#doc(doc))?.data;
  }

  async #markDone(key: string, digest: string): Promise<void> {
    await this.#guard(
      this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: {
            pk: { S: this.#recordKey(key) },
            state: { S: "done" },
            digest: { S: digest },
            expiresAt: { N: epochSeconds(this.#now() + this.#timing.doneTtlMs) },
          },
        }),
      ),
    );
  }

  async #record(
    key: string,
  ): Promise<{ state: "in-progress" | "done"; digest: string | undefined } | undefined> {
    const item = await this.#get(this.#recordKey(key));
    if (item === undefined) return undefined;
    const parsed = recordItem.parse(item);
    const now = this.#now();
    if (Number(parsed.expiresAt.N) * 1000 < now) return undefined;
    const state = parsed.state.S;
    if (state === "in-progress" && Number(parsed.leaseUntil?.N ?? 0) < now) return undefined;
    return { state, digest: parsed.digest?.S };
  }

  async #doc(
    doc: DocRef,
  ): Promise<{ data: DocData; revision: number; recent: string[] } | undefined> {
    const item = await this.#get(this.#docKey(doc));
    if (item === undefined) return undefined;
    const parsed = docItem.parse(item);
    return {
      data: docData.parse(JSON.parse(parsed.data.S)),
      revision: Number(parsed.revision.N),
      recent: parsed.recent.L.map((v) => v.S),
    };
  }

  async #get(pk: string): Promise<Item | undefined> {
    const out = await this.#guard(
      this.#client.send(
        new GetItemCommand({
          TableName: this.#table,
          Key: { pk: { S: pk } },
          ConsistentRead: true,
        }),
      ),
    );
    return out.Item;
  }

  /** Failures other than a failed condition are retryable for the event. */
  async #guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw err;
      throw new RetryableError(`state table ${this.#table}: ${errorMessage(err)}`, { cause: err });
    }
  }

  #recordKey(key: string): string {
    return `${this.#ns}#idem#${key}`;
  }

  #docKey(doc: DocRef): string {
    return `${this.#ns}#${doc.collection}#${doc.id}`;
  }
}

function epochSeconds(ms: number): string {
  return String(Math.ceil(ms / 1000));
}
