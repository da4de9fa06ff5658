import assert from "node:assert/strict";
import type { AwsAccount } from "../../../components/aws/arns";
import {
  operatorDeadLetterPolicy,
  operatorDecryptPolicy,
  operatorTrustPolicy,
} from "../../../components/aws/operator-access";
import type { Plan } from "../../../policies/offline/plan";
import { one, ofType, plan, withSecret } from "../../support/plan";
import { ACCOUNT, REGION, inputs, jsonInput, str, T } from "./plan-helpers";

const account: AwsAccount = {
  partition: "aws",
  region: REGION,
  accountId: ACCOUNT,
  dnsSuffix: "amazonaws.com",
};
const bus = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/eventstack-prod`;
const dataKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/data`;
const alertsKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/alerts`;

describe("aws dead-letter operator access", () => {
  describe("policies", () => {
    it("lets principals of the deploying account, and no one else, assume the role", () => {
      assert.deepEqual(operatorTrustPolicy(account), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountPrincipalsAssumeOperatorRole",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "sts:AssumeRole",
          },
        ],
      });
    });

    it("lets only the configured principal assume the role when eventstack:operatorPrincipalArn is set", () => {
      const oncall = "arn:aws:iam::210987654321:role/oncall";
      assert.deepEqual(operatorTrustPolicy(account, oncall).Statement, [
        {
          Sid: "OperatorPrincipalAssumesOperatorRole",
          Effect: "Allow",
          Principal: { AWS: oncall },
          Action: "sts:AssumeRole",
        },
      ]);
    });

    it("reads, removes and releases dead letters of the stack's queues, and puts events on its bus only", () => {
      const orders = `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-orders-dlq`;
      const busDlq = `arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-bus-dlq`;
      assert.deepEqual(
        operatorDeadLetterPolicy({
          deadLetterQueueArns: [orders, busDlq, orders],
          eventBusArn: bus,
        }).Statement,
        [
          {
            Sid: "ReadAndRemoveDeadLetters",
            Effect: "Allow",
            Action: [
              "sqs:ChangeMessageVisibility",
              "sqs:DeleteMessage",
              "sqs:GetQueueAttributes",
              "sqs:ReceiveMessage",
            ],
            Resource: [busDlq, orders],
          },
          { Sid: "RedriveToTheBus", Effect: "Allow", Action: "events:PutEvents", Resource: bus },
        ],
      );
    });

    it("decrypts dead letters only through SQS, and Encrypted Events payloads only of the platform's bus", () => {
      assert.deepEqual(
        operatorDecryptPolicy({
          account,
          eventBusArn: bus,
          dataKeyArn: dataKey,
          deadLetterKeyArns: [dataKey, alertsKey, dataKey],
        }).Statement,
        [
          {
            Sid: "ReadEncryptedDeadLetterQueues",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: [alertsKey, dataKey],
            Condition: { StringEquals: { "kms:ViaService": `sqs.${REGION}.amazonaws.com` } },
          },
          {
            Sid: "DecryptEncryptedEventsPayloads",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: dataKey,
            Condition: { StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": bus } },
          },
        ],
      );
    });
  });

  describe("prod stack (customer managed keys)", () => {
    let p: Plan;
    before(async () => {
      p = await plan("prod", withSecret("prod"));
    });

    it("creates the named operator role and exports its ARN for the runbooks", () => {
      const role = one(p, T.role, "eventstack-operator-role");
      assert.equal(role.inputs.name, "eventstack-prod-dlq-operator");
      assert.equal(
        p.outputs.deadLetterOperatorRoleArn,
        str(p, T.role, "eventstack-operator-role", "arn"),
      );
    });

    it("names the role in the data key's policy, and the key waits for the role (KMS refuses unknown principals)", () => {
      const roleArn = str(p, T.role, "eventstack-operator-role", "arn");
      const policy = jsonInput(p, T.key, "eventstack-data-key-key", "policy") as {
        Statement: { Sid: string; Principal?: unknown; Condition?: unknown }[];
      };
      const direct = policy.Statement.find((s) => s.Sid === "OperatorDecryptsEncryptedEvents");
      assert.deepEqual(direct?.Principal, { AWS: roleArn });
      assert.deepEqual(direct?.Condition, {
        StringEquals: { "kms:EncryptionContext:aws:events:event-bus:arn": bus },
      });
      const key = one(p, T.key, "eventstack-data-key-key");
      const role = one(p, T.role, "eventstack-operator-role");
      assert.ok(key.dependencies.includes(role.urn), "the key depends on the role");
    });

    it("grants the role kms:Decrypt on both keys through SQS and on the data key for the bus's context", () => {
      const grant = jsonInput(p, T.rolePolicy, "eventstack-operator-decrypt", "policy") as {
        Statement: { Sid: string; Resource: unknown }[];
      };
      const data = str(p, T.key, "eventstack-data-key-key", "arn");
      const alerts = str(p, T.key, "eventstack-alerts-key-key", "arn");
      assert.deepEqual(
        grant.Statement.map((s) => [s.Sid, s.Resource]),
        [
          ["ReadEncryptedDeadLetterQueues", [alerts, data].sort()],
          ["DecryptEncryptedEventsPayloads", data],
        ],
      );
    });
  });

  describe("prod stack: dead-letter grants", () => {
    let p: Plan;
    before(async () => {
      p = await plan("prod");
    });

    it("grants the dead-letter calls on every consumer's queue and the bus's own, and PutEvents on the bus", () => {
      const grant = jsonInput(p, T.rolePolicy, "eventstack-operator-dead-letters", "policy") as {
        Statement: { Sid: string; Resource: unknown }[];
      };
      const dlqs = ofType(p, T.queue)
        .filter((q) => String(q.inputs.name).endsWith("-dlq"))
        .map((q) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${String(q.inputs.name)}`)
        .sort();
      assert.ok(dlqs.includes(`arn:aws:sqs:${REGION}:${ACCOUNT}:eventstack-prod-bus-dlq`));
      assert.deepEqual(
        grant.Statement.map((s) => [s.Sid, s.Resource]),
        [
          ["ReadAndRemoveDeadLetters", dlqs],
          ["RedriveToTheBus", bus],
        ],
      );
      assert.equal(
        inputs(p, T.rolePolicy, "eventstack-operator-dead-letters").role,
        str(p, T.role, "eventstack-operator-role", "name"),
      );
    });

    it("exports the bus's dead-letter queue URL for npm run dlq -- --consumer bus", () => {
      const queue = one(p, T.queue, "eventstack-events-dlq-queue");
      assert.equal(queue.inputs.name, "eventstack-prod-bus-dlq");
      assert.equal(p.outputs.busDeadLetterQueueUrl, queue.outputs.url);
    });

    it("trusts eventstack:operatorPrincipalArn instead of the account when it is set", async () => {
      const oncall = `arn:aws:iam::${ACCOUNT}:role/oncall`;
      const q = await plan("prod", { "eventstack:operatorPrincipalArn": oncall });
      const trust = jsonInput(q, T.role, "eventstack-operator-role", "assumeRolePolicy") as {
        Statement: { Principal: unknown }[];
      };
      assert.deepEqual(
        trust.Statement.map((s) => s.Principal),
        [{ AWS: oncall }],
      );
    });
  });

  describe("dev stack on aws (AWS-managed encryption)", () => {
    it("creates the role without a decrypt grant: nothing is under a customer managed key", async () => {
      const p = await plan("dev", { "eventstack:cloud": "aws" });
      assert.equal(
        one(p, T.role, "eventstack-operator-role").inputs.name,
        "eventstack-dev-dlq-operator",
      );
      assert.equal(
        ofType(p, T.rolePolicy).filter((r) => r.name === "eventstack-operator-decrypt").length,
        0,
      );
    });
  });
});
