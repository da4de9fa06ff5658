/**
 * An AWS stack of mixed consumers: the sample bundle, the audit sample's own built handler
 * (zip) and a container image in ECR pinned by digest. Every function gets the same role shape,
 * queue, dead-letter queue and alarms, and item access to its own keys in the stack's table; the
 * plan passes every mandatory policy and deployability rule in dev and prod.
 */
import assert from "node:assert/strict";
import { stateTableName, TABLE_ITEM_ACTIONS } from "../../../components/aws/state-table";
import { json, ofType, one, plan } from "../../support/plan";
import {
  AUDIT,
  ECR_PREBUILT,
  mandatoryAndDeployability,
  mixedConsumers,
} from "../../support/mixed-consumers";
import { ACCOUNT, jsonInput, REGION, T } from "./plan-helpers";

const TABLE = "aws:dynamodb/table:Table";
const CONSUMERS = ["orders", "audit", "ledger"] as const;

interface Statement {
  readonly Sid?: string;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: unknown;
}

function statements(p: Awaited<ReturnType<typeof plan>>, consumer: string): Statement[] {
  const doc = jsonInput(p, T.rolePolicy, `eventstack-${consumer}-permissions`, "policy") as {
    Statement: Statement[];
  };
  return doc.Statement;
}

describe("aws: a stack of mixed consumers", function () {
  this.timeout(300_000);

  for (const [label, stack, overrides] of [
    ["prod", "prod", {}],
    ["dev on aws", "dev", { "eventstack:cloud": "aws" }],
  ] as const) {
    it(`${label}: plans with 0 mandatory findings and 0 deployability findings`, async () => {
      const p = await plan(stack, { ...overrides, ...mixedConsumers("aws") });
      assert.deepEqual(await mandatoryAndDeployability(p, stack), {
        mandatory: [],
        deployability: [],
      });
    });
  }

  it("deploys each consumer's own code: the sample bundle, the audit handler, the ECR image", async () => {
    const p = await plan("prod", mixedConsumers("aws"));
    const fn = (c: string) => one(p, T.fn, `eventstack-${c}-fn`).inputs;
    const archivePath = (c: string) =>
      one(p, T.fn, `eventstack-${c}-fn`).packaged?.map((x) => `${x.property} ${x.kind} ${x.path}`);
    assert.deepEqual(
      { packageType: fn("orders").packageType, handler: fn("orders").handler },
      { packageType: "Zip", handler: "index.queueHandler" },
    );
    assert.deepEqual(archivePath("orders"), ["code archive dist/lambda"]);
    assert.deepEqual(
      { packageType: fn("audit").packageType, handler: fn("audit").handler },
      { packageType: "Zip", handler: AUDIT.handler },
    );
    assert.deepEqual(archivePath("audit"), [`code archive ${AUDIT.lambdaDir}`]);
    assert.deepEqual(archivePath("ledger") ?? [], []);
    assert.deepEqual(
      {
        packageType: fn("ledger").packageType,
        imageUri: fn("ledger").imageUri,
        handler: fn("ledger").handler,
        runtime: fn("ledger").runtime,
      },
      { packageType: "Image", imageUri: ECR_PREBUILT, handler: undefined, runtime: undefined },
    );
  });

  it("gives every consumer the same delivery: rule, queue, dead-letter queue and alarms", async () => {
    const p = await plan("prod", mixedConsumers("aws"));
    const alarmsOf = (c: string) =>
      ofType(p, T.alarm)
        .filter((r) => r.name.startsWith(`eventstack-${c}-`))
        .map((r) => r.name.slice(`eventstack-${c}-`.length))
        .sort();
    for (const c of CONSUMERS) {
      one(p, T.rule, `eventstack-${c}-rule`);
      one(p, T.queue, `eventstack-${c}-delivery-queue`);
      one(p, T.queue, `eventstack-${c}-dlq-queue`);
      assert.deepEqual(alarmsOf(c), alarmsOf("orders"), c);
    }
  });

  it("lets each role use only its own items of the table, with the item actions the store uses", async () => {
    const p = await plan("prod", mixedConsumers("aws"));
    const table = stateTableName("eventstack-prod");
    const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}`;
    for (const c of CONSUMERS) {
      const dynamo = statements(p, c).filter((s) =>
        [s.Action].flat().some((a) => a.startsWith("dynamodb:")),
      );
      assert.deepEqual(dynamo, [
        {
          Sid: "UseOwnItemsInStateTable",
          Effect: "Allow",
          Action: [...TABLE_ITEM_ACTIONS],
          Resource: tableArn,
          Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${c}#*`] } },
        },
      ]);
    }
  });

  it("points every function at the table, with its own plain variables", async () => {
    const p = await plan("prod", mixedConsumers("aws"));
    const vars = (c: string) =>
      (
        one(p, T.fn, `eventstack-${c}-fn`).inputs.environment as {
          variables: Record<string, string>;
        }
      ).variables;
    for (const c of CONSUMERS) {
      assert.equal(vars(c).STATE_STORE, "dynamodb");
      assert.equal(vars(c).STATE_TABLE, stateTableName("eventstack-prod"));
      assert.equal(vars(c).CONSUMER_NAME, c);
    }
    assert.equal(vars("audit").CONSUMER_TIMEOUT_SECONDS, "300");
    assert.equal(vars("audit").AUDIT_RETENTION_DAYS, "90");
    assert.equal(vars("orders").AUDIT_RETENTION_DAYS, undefined);
  });

  it("prod: an on-demand table with TTL, PITR, the stack's key and deletion protection", async () => {
    const p = await plan("prod", mixedConsumers("aws"));
    const table = one(p, TABLE, "eventstack-state-table");
    const key = one(p, T.key, "eventstack-data-key-key");
    assert.deepEqual(
      {
        name: table.inputs.name,
        billingMode: table.inputs.billingMode,
        hashKey: table.inputs.hashKey,
        attributes: table.inputs.attributes,
        ttl: table.inputs.ttl,
        pitr: table.inputs.pointInTimeRecovery,
        protection: table.inputs.deletionProtectionEnabled,
        sse: table.inputs.serverSideEncryption,
        protect: table.options?.protect,
      },
      {
        name: stateTableName("eventstack-prod"),
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        attributes: [{ name: "pk", type: "S" }],
        ttl: { attributeName: "expiresAt", enabled: true },
        pitr: { enabled: true },
        protection: true,
        sse: { enabled: true, kmsKeyArn: key.outputs.arn },
        protect: true,
      },
    );
  });

  it("refuses a handler whose file is not in the directory, naming the field", async () => {
    const consumers = [
      {
        name: "audit",
        eventTypes: ["com.example.order.placed.v1"],
        code: { directory: "dist/lambda", handler: "audit.handler" },
      },
    ];
    await assert.rejects(
      plan("prod", { "eventstack:consumers": json(consumers) }),
      (err: Error) => {
        assert.match(
          err.message,
          /eventstack:consumers\[0\]\.code\.handler "audit\.handler" needs audit\.js or audit\.mjs or audit\.cjs in "dist\/lambda", found none there/,
        );
        return true;
      },
    );
  });

  it("refuses an ECR image in another region, naming the field and the value", async () => {
    const image = ECR_PREBUILT.replace("eu-west-1", "us-east-1");
    const consumers = [
      { name: "ledger", eventTypes: ["com.example.order.placed.v1"], code: { image } },
    ];
    await assert.rejects(
      plan("prod", { "eventstack:consumers": json(consumers) }),
      (err: Error) => {
        assert.match(
          err.message,
          /eventstack:consumers\[0\]\.code\.image must be in the stack's region eu-west-1/,
        );
        assert.ok(err.message.includes(JSON.stringify(image)), err.message);
        return true;
      },
    );
  });
});
