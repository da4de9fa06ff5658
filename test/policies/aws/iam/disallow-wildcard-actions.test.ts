import assert from "node:assert/strict";
import { awsIamPolicyDocumentDisallowWildcardActions as P } from "../../../../policies/aws/iam/disallow-wildcard-actions";
import { edit, findings, open, res } from "../../support/policy-test";

const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
const allow = {
  Effect: "Allow",
  Action: ["sqs:SendMessage"],
  Resource: "arn:aws:sqs:eu-west-1:123456789012:q",
};
const baseline = () =>
  res("aws:iam/rolePolicy:RolePolicy", "send", { role: "r", policy: doc([allow]) });

describe("aws-iam-policydocument-disallow-wildcard-actions", () => {
  it("Compliance 1: role policy listing specific actions", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: a Deny statement may use `*`", async () => {
    const r = edit(baseline(), {
      policy: doc([allow, { Effect: "Deny", Action: "*", Resource: "*" }]),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 3: policy given as an object, single statement", async () => {
    const r = edit(baseline(), { policy: { Version: "2012-10-17", Statement: allow } });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: Allow of `*`", async () => {
    const r = edit(baseline(), { policy: doc([{ ...allow, Action: "*" }]) });
    assert.deepEqual(open(await findings(P, r)), [
      'send: policy statement 1: Allow statements must list specific actions, got "*".',
    ]);
  });

  it("Noncompliance 2: Allow of `service:*` in a managed policy given as an object", async () => {
    const r = res("aws:iam/policy:Policy", "p", {
      policy: {
        Version: "2012-10-17",
        Statement: [{ Sid: "Q", Effect: "Allow", Action: ["sqs:*"], Resource: "*" }],
      },
    });
    assert.deepEqual(open(await findings(P, r)), [
      'p: policy statement "Q": Allow statements must list specific actions, got "sqs:*".',
    ]);
  });

  it("Noncompliance 3: wildcard in a role's inline policy", async () => {
    const r = res("aws:iam/role:Role", "fn", {
      assumeRolePolicy: doc([
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]),
      inlinePolicies: [
        { name: "all", policy: doc([{ Effect: "Allow", Action: "logs:*", Resource: "*" }]) },
      ],
    });
    assert.deepEqual(open(await findings(P, r)), [
      'fn: inlinePolicies[0].policy statement 1: Allow statements must list specific actions, got "logs:*".',
    ]);
  });

  it("Noncompliance 4: wildcard in a queue's resource policy", async () => {
    const r = res("aws:sqs/queuePolicy:QueuePolicy", "qp", {
      queueUrl: "https://sqs/q",
      policy: doc([
        {
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:*",
          Resource: "arn:aws:sqs:::q",
        },
      ]),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 5: a document that is not JSON fails closed", async () => {
    const r = edit(baseline(), { policy: "{not json" });
    assert.match(
      open(await findings(P, r))[0] ?? "",
      /policy must be a valid policy document; it is not valid JSON/,
    );
  });

  it("Noncompliance 6: a statement of the wrong shape fails closed", async () => {
    const r = edit(baseline(), { policy: doc([{ Effect: "Permit", Action: "sqs:SendMessage" }]) });
    assert.match(open(await findings(P, r))[0] ?? "", /Statement/);
  });

  it("Compliance 4: a key policy delegating `kms:*` to the account root (AWS's default)", async () => {
    const r = res("aws:kms/key:Key", "data", {
      policy: doc([
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
      ]),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 7: a key policy granting `kms:*` to a role", async () => {
    const r = res("aws:kms/key:Key", "data", {
      policy: doc([
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:role/app" },
          Action: "kms:*",
          Resource: "*",
        },
      ]),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("does not apply to other resource types", async () => {
    assert.deepEqual(await findings(P, res("aws:sqs/queue:Queue", "q", {})), []);
  });
});
