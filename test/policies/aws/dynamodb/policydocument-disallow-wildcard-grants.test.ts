import assert from "node:assert/strict";
import { stateTableStatement } from "../../../../components/aws/state-table";
import { awsDynamodbPolicyDocumentDisallowWildcardGrants as P } from "../../../../policies/aws/dynamodb/policydocument-disallow-wildcard-grants";
import { findings, open, res } from "../../support/policy-test";

const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/eventstack-prod-data";
const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
const role = (statement: unknown) =>
  res("aws:iam/rolePolicy:RolePolicy", "audit-permissions", {
    role: "eventstack-prod-audit",
    policy: doc([statement]),
  });
const judge = async (statement: unknown) => open(await findings(P, role(statement)));

describe("aws-dynamodb-policydocument-disallow-wildcard-grants", () => {
  it("Compliance 1: the platform's statement: five item actions on the one table, own keys", async () => {
    assert.deepEqual(await judge(stateTableStatement(TABLE, "audit")), []);
  });

  it("Compliance 2: every index of one named table", async () => {
    const statement = { Effect: "Allow", Action: "dynamodb:Query", Resource: `${TABLE}/index/*` };
    assert.deepEqual(await judge(statement), []);
  });

  it("Compliance 3: a Deny with wildcards restricts, and is not judged", async () => {
    const statement = { Effect: "Deny", Action: "dynamodb:*", Resource: "*" };
    assert.deepEqual(await judge(statement), []);
  });

  it("Compliance 4: the deployer's control-plane actions on the stack's table-name prefix", async () => {
    const statement = {
      Effect: "Allow",
      Action: ["dynamodb:CreateTable", "dynamodb:UpdateTimeToLive", "dynamodb:Describe*"],
      Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/eventstack-prod*",
    };
    assert.deepEqual(await judge(statement), []);
  });

  it("Noncompliance 1: an action glob reaching the table's writes and deletes", async () => {
    assert.deepEqual(await judge({ Effect: "Allow", Action: "dynamodb:*Item", Resource: TABLE }), [
      'audit-permissions: policy statement 1: DynamoDB item actions must be named one by one, got "dynamodb:*Item".',
    ]);
  });

  it("Noncompliance 2: the item actions on every table of the account", async () => {
    const all = "arn:aws:dynamodb:eu-west-1:123456789012:table/*";
    const statement = { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: all };
    assert.deepEqual(await judge(statement), [
      `audit-permissions: policy statement 1: DynamoDB item actions must name each table's ARN, got "${all}".`,
    ]);
  });

  it("Noncompliance 3: a table-name prefix", async () => {
    const prefix = "arn:aws:dynamodb:eu-west-1:123456789012:table/eventstack-*";
    const statement = { Effect: "Allow", Action: "DynamoDB:PutItem", Resource: [TABLE, prefix] };
    assert.equal((await judge(statement)).length, 1);
  });

  it("Noncompliance 4: the item actions on any resource", async () => {
    assert.equal(
      (await judge({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" })).length,
      1,
    );
  });
});
