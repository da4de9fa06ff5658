import assert from "node:assert/strict";
import { awsIamResourcePolicyMissingScopingCondition as P } from "../../../../policies/aws/iam/missing-scoping-condition";
import { edit, findings, open, res } from "../../support/policy-test";

const RULE = "arn:aws:events:eu-west-1:123456789012:rule/bus/orders";
const statement = {
  Effect: "Allow",
  Principal: "*",
  Action: "sqs:SendMessage",
  Resource: "arn:aws:sqs:eu-west-1:123456789012:dlq",
  Condition: { ArnEquals: { "aws:SourceArn": RULE } },
};
const doc = (s: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });
const baseline = () =>
  res("aws:sqs/queuePolicy:QueuePolicy", "dlq", {
    queueUrl: "https://sqs/dlq",
    policy: doc(statement),
  });

describe("aws-iam-resourcepolicy-missing-scoping-condition", () => {
  it("Compliance 1: `*` principal scoped by aws:SourceArn", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: a named service principal needs no condition", async () => {
    const { Condition: _c, ...rest } = statement;
    const r = edit(baseline(), {
      policy: doc({ ...rest, Principal: { Service: "events.amazonaws.com" } }),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 3: a Deny for `*` (e.g. insecure transport) needs no condition", async () => {
    const r = edit(baseline(), {
      policy: doc({
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: "*",
        Condition: { Bool: { "aws:SecureTransport": false } },
      }),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: `*` principal without a condition", async () => {
    const { Condition: _c, ...rest } = statement;
    const r = edit(baseline(), { policy: doc(rest) });
    assert.deepEqual(open(await findings(P, r)), [
      'dlq: policy statement 1: an Allow for principal "*" must carry a condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or a similar key, got {}.',
    ]);
  });

  it("Noncompliance 2: a condition that does not scope (wildcard value) on an SNS topic", async () => {
    const r = res("aws:sns/topic:Topic", "alarms", {
      policy: doc({
        ...statement,
        Principal: { AWS: "*" },
        Condition: { StringLike: { "aws:SourceAccount": "*" } },
      }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: a negated condition on an event bus policy", async () => {
    const r = res("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "bus", {
      policy: doc({
        ...statement,
        Action: "events:PutEvents",
        Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-1" } },
      }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 4: an Allow with NotPrincipal (everyone but the account) and no condition", async () => {
    const { Condition: _c, Principal: _p, ...rest } = statement;
    const r = edit(baseline(), {
      policy: doc({ ...rest, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'dlq: policy statement 1: an Allow for principal NotPrincipal {"AWS":["arn:aws:iam::123456789012:root"]} must carry a condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or a similar key, got {}.',
    ]);
  });

  it("Noncompliance 5: ForAllValues on aws:SourceAccount (true when the key is absent)", async () => {
    const r = edit(baseline(), {
      policy: doc({
        ...statement,
        Condition: { "ForAllValues:StringEquals": { "aws:SourceAccount": "123456789012" } },
      }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Compliance 4: ForAnyValue on aws:SourceAccount (false when the key is absent)", async () => {
    const r = edit(baseline(), {
      policy: doc({
        ...statement,
        Condition: { "ForAnyValue:StringEquals": { "aws:SourceAccount": "123456789012" } },
      }),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });
});
