/**
 * The stack's shared store: one on-demand DynamoDB table that every consumer keeps its
 * idempotency records and read models in, each item's key starting with `<consumer>#`, expiring
 * by TTL, with point-in-time recovery, the stack's CMK and deletion protection in prod.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsAccount } from "./arns";
import { fitName } from "./names";
import type { PolicyStatement } from "./policy-document";
import { withStateful, type StatefulOptions } from "./protection";

/** DynamoDB table names: 3-255 characters of `[A-Za-z0-9_.-]` (CreateTable `TableName`). */
export const TABLE_NAME_MAX = 255;

/** The key and TTL attribute the consumers' store adapters use (app/core). */
export const TABLE_SCHEMA = { partitionKey: "pk", ttlAttribute: "expiresAt" } as const;

/**
 * The item actions a consumer's store uses: reads, conditional puts and updates, deletes of a
 * failed claim, and the condition checks of a transaction (TransactWriteItems is authorised per
 * action it contains: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html).
 */
export const TABLE_ITEM_ACTIONS = [
  "dynamodb:ConditionCheckItem",
  "dynamodb:DeleteItem",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

/** The table's name for the stack's name prefix. */
export function stateTableName(prefix: string): string {
  return fitName(`${prefix}-data`, TABLE_NAME_MAX);
}

export function tableArn(at: AwsAccount, table: string): string {
  return `arn:${at.partition}:dynamodb:${at.region}:${at.accountId}:table/${table}`;
}

/**
 * A consumer's statement: the item actions on the one table, and only on items whose partition
 * key starts with `<consumer>#` (`dynamodb:LeadingKeys`,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
 */
export function stateTableStatement(tableArnValue: string, consumer: string): PolicyStatement {
  return {
    Sid: "UseOwnItemsInStateTable",
    Effect: "Allow",
    Action: [...TABLE_ITEM_ACTIONS],
    Resource: tableArnValue,
    Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${consumer}#*`] } },
  };
}

/** Arguments of {@link StateTable}. */
export interface StateTableArgs {
  /** Table name, from {@link stateTableName}. Required. */
  readonly tableName: string;
  /** The stack's CMK; when absent, DynamoDB's AWS-owned key. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Point-in-time recovery and deletion protection (on in prod). Required. */
  readonly production: boolean;
  /** Protection in Pulumi (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
}

/** The DynamoDB table. */
export class StateTable extends pulumi.ComponentResource {
  readonly table: aws.dynamodb.Table;
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: StateTableArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:StateTable", name, {}, opts);
    this.table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        name: args.tableName,
        billingMode: "PAY_PER_REQUEST",
        hashKey: TABLE_SCHEMA.partitionKey,
        attributes: [{ name: TABLE_SCHEMA.partitionKey, type: "S" }],
        // DynamoDB deletes expired items within a few days
        // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html);
        // the consumers treat an expired record as absent, so the delay never replays an event.
        ttl: { attributeName: TABLE_SCHEMA.ttlAttribute, enabled: true },
        pointInTimeRecovery: { enabled: args.production },
        deletionProtectionEnabled: args.production,
        serverSideEncryption:
          args.kmsKeyArn === undefined ? undefined : { enabled: true, kmsKeyArn: args.kmsKeyArn },
      },
      withStateful({ parent: this }, args.stateful),
    );
    this.name = this.table.name;
    this.arn = this.table.arn;
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
