/**
 * Wildcards wherever IAM evaluates them: in action names (expanded against AWS's action
 * catalogue), in resource ARNs, and in the condition values and `sourceArn` fields that scope a
 * `*` principal.
 */
import assert from "node:assert/strict";
import { awsIamPolicyDocumentDisallowWildcardActions as Actions } from "../../../../policies/aws/iam/disallow-wildcard-actions";
import { awsIamPolicyDocumentDisallowWildcardResources as Resources } from "../../../../policies/aws/iam/disallow-wildcard-resources";
import { awsIamResourcePolicyMissingScopingCondition as Scoping } from "../../../../policies/aws/iam/missing-scoping-condition";
import { awsLambdaPermissionMissingSourceArn as SourceArn } from "../../../../policies/aws/lambda/missing-source-arn";
import { expandAction } from "../../../../policies/lib/aws/action-catalogue";
import { isAnyResource, pinsOwner } from "../../../../policies/lib/aws/arn-patterns";
import { isStarOnlyAction } from "../../../../policies/lib/aws/star-only-actions";
import { edit, findings, open, res } from "../../support/policy-test";

const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
const QUEUE = "arn:aws:sqs:eu-west-1:123456789012:orders";
const rolePolicy = (statement: unknown) =>
  res("aws:iam/rolePolicy:RolePolicy", "fn", { role: "fn-role", policy: doc([statement]) });

describe("the action catalogue", () => {
  it("expands globs case-insensitively, as IAM does", () => {
    assert.deepEqual(
      expandAction("iam:Pass*").actions.map((a) => a.name),
      ["iam:PassRole"],
    );
    assert.deepEqual(
      expandAction("SQS:sendmessage").actions.map((a) => a.name),
      ["sqs:SendMessage"],
    );
    const message = expandAction("sqs:*Message*").actions.map((a) => a.name);
    assert.ok(message.includes("sqs:SendMessage") && message.includes("sqs:DeleteMessage"));
    assert.ok(!message.includes("sqs:CreateQueue"));
    assert.deepEqual(expandAction("sqs:*").wholeServices, ["sqs"]);
    assert.deepEqual(expandAction("nosuchservice:*").actions, []);
  });

  it("derives the star-only actions: no resource type in the Service Authorization Reference", () => {
    const cases: [string, boolean][] = [
      ["xray:PutTraceSegments", true],
      ["sts:GetCallerIdentity", true],
      ["kms:CreateKey", true],
      ["cloudwatch:PutMetricData", true],
      ["ec2:DescribeSubnets", true],
      ["logs:CreateLogGroup", false],
      ["sqs:SendMessage", false],
      ["iam:PassRole", false],
      ["ec2:DescribeVpcAttribute", false],
      ["xray:Put*", true],
      ["sqs:List*", false],
      ["unknown:Action", false],
    ];
    for (const [action, expected] of cases)
      assert.equal(isStarOnlyAction(action), expected, action);
  });

  it("reads ARN patterns field by field", () => {
    const any = [
      "*",
      "arn:aws:sqs:*:*:*",
      "arn:aws:sqs:*",
      "arn:*",
      "arn:aws:iam::*:role/*",
      "arn:aws:s3:::*",
      "arn:aws:dynamodb:*:*:table/*",
    ];
    const named = [
      QUEUE,
      "arn:aws:sqs:*:123456789012:*",
      "arn:aws:s3:::orders-*",
      "arn:aws:s3:::payment-audit-logs/*",
      "arn:aws:sqs:*:*:orders",
    ];
    for (const r of any) assert.equal(isAnyResource(r), true, r);
    for (const r of named) assert.equal(isAnyResource(r), false, r);
    assert.equal(pinsOwner("arn:aws:sns:eu-west-1:123456789012:*"), true);
    assert.equal(pinsOwner("arn:aws:sns:*:*:*"), false);
    assert.equal(pinsOwner("arn:aws:sns:eu-west-1:*:orders"), false);
    assert.equal(pinsOwner("arn:aws:s3:::orders"), true);
    assert.equal(pinsOwner("arn:aws:s3:::orders*"), false);
  });
});

describe("aws-iam-policydocument-disallow-wildcard-actions (globs)", () => {
  it("Noncompliance 1: `s?s:*` matches every action of SNS, SQS, SES, …", async () => {
    const r = rolePolicy({ Effect: "Allow", Action: ["s?s:*"], Resource: QUEUE });
    assert.deepEqual(open(await findings(Actions, r)), [
      'fn: policy statement 1: Allow statements must list specific actions, got "s?s:*".',
    ]);
  });

  it("Noncompliance 2: `sqs:*e*` matches every SQS action", async () => {
    const r = rolePolicy({ Effect: "Allow", Action: "sqs:*e*", Resource: QUEUE });
    assert.deepEqual(open(await findings(Actions, r)), [
      'fn: policy statement 1: Allow statements must list specific actions, got "sqs:*e*".',
    ]);
  });

  it("Compliance 1: `sqs:*Message*` on one queue is a subset, left to the resource rule", async () => {
    const r = rolePolicy({ Effect: "Allow", Action: "sqs:*Message*", Resource: QUEUE });
    assert.deepEqual(open(await findings(Actions, r)), []);
  });
});

describe("aws-iam-policydocument-disallow-wildcard-resources (globs and ARN patterns)", () => {
  it("Noncompliance 1: `arn:aws:sqs:*:*:*` grants what `*` grants", async () => {
    const r = rolePolicy({
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: "arn:aws:sqs:*:*:*",
    });
    assert.deepEqual(open(await findings(Resources, r)), [
      'fn: policy statement 1: Resource must name specific ARNs for "sqs:SendMessage", got "arn:aws:sqs:*:*:*".',
    ]);
  });

  it("Noncompliance 2: `sqs:*Message*` on `*` (the glob holds SendMessage)", async () => {
    const r = rolePolicy({ Effect: "Allow", Action: ["sqs:*Message*"], Resource: ["*"] });
    assert.deepEqual(open(await findings(Resources, r)), [
      'fn: policy statement 1: Resource must name specific ARNs for "sqs:*Message*", got "*".',
    ]);
  });

  it("Noncompliance 3: `iam:Pass*` on `arn:aws:iam::*:role/*`", async () => {
    const r = rolePolicy({
      Effect: "Allow",
      Action: "iam:Pass*",
      Resource: "arn:aws:iam::*:role/*",
    });
    assert.deepEqual(open(await findings(Resources, r)), [
      'fn: policy statement 1: Resource must name specific ARNs for "iam:Pass*", got "arn:aws:iam::*:role/*".',
    ]);
  });

  it("Compliance 1: `xray:Put*` on `*` (every action it matches accepts only `*`)", async () => {
    const r = rolePolicy({ Effect: "Allow", Action: "xray:Put*", Resource: "*" });
    assert.deepEqual(open(await findings(Resources, r)), []);
  });

  it("Compliance 2: the queues of one account named by prefix", async () => {
    const r = rolePolicy({
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: "arn:aws:sqs:eu-west-1:123456789012:orders-*",
    });
    assert.deepEqual(open(await findings(Resources, r)), []);
  });
});

describe("aws-iam-resourcepolicy-missing-scoping-condition (wildcard condition values)", () => {
  const topicPolicy = (condition: unknown) =>
    res("aws:sns/topicPolicy:TopicPolicy", "alerts", {
      arn: "arn:aws:sns:eu-west-1:123456789012:alerts",
      policy: doc([
        {
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "sns:Publish",
          Resource: "arn:aws:sns:eu-west-1:123456789012:alerts",
          Condition: condition,
        },
      ]),
    });

  it("Noncompliance 1: StringLike aws:PrincipalOrgID `o-*` matches every organization", async () => {
    const found = open(
      await findings(Scoping, topicPolicy({ StringLike: { "aws:PrincipalOrgID": "o-*" } })),
    );
    assert.equal(found.length, 1);
    assert.match(found[0] ?? "", /must carry a condition on aws:SourceArn/);
  });

  it("Noncompliance 2: ArnLike aws:SourceArn `arn:aws:sns:*:*:*` names no source", async () => {
    const c = { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:*" } };
    assert.equal(open(await findings(Scoping, topicPolicy(c))).length, 1);
  });

  it("Noncompliance 3: ArnEquals evaluates wildcards too (`arn:aws:events:eu-west-1:*:rule/*`)", async () => {
    const c = { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:*:rule/*" } };
    assert.equal(open(await findings(Scoping, topicPolicy(c))).length, 1);
  });

  it("Compliance 1: ArnLike on the rules of one account", async () => {
    const c = { ArnLike: { "aws:SourceArn": "arn:aws:events:eu-west-1:123456789012:rule/*" } };
    assert.deepEqual(open(await findings(Scoping, topicPolicy(c))), []);
  });

  it("Compliance 2: StringLike on one organization's paths (`o-abc123/*`)", async () => {
    const c = { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-abc123/r-ab12/*"] } };
    assert.deepEqual(open(await findings(Scoping, topicPolicy(c))), []);
  });

  it("Compliance 3: StringEquals compares literally (an id, no glob)", async () => {
    const c = { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } };
    assert.deepEqual(open(await findings(Scoping, topicPolicy(c))), []);
  });
});

describe("aws-lambda-permission-missing-source-arn (wildcard sourceArn)", () => {
  const permission = () =>
    res("aws:lambda/permission:Permission", "from-sns", {
      action: "lambda:InvokeFunction",
      function: "orders",
      principal: "sns.amazonaws.com",
      sourceArn: "arn:aws:sns:eu-west-1:123456789012:orders",
    });

  it("Compliance 1: sourceArn names one topic", async () => {
    assert.deepEqual(open(await findings(SourceArn, permission())), []);
  });

  it("Noncompliance 1: sourceArn `arn:aws:sns:*:*:*` names no source", async () => {
    const r = edit(permission(), { sourceArn: "arn:aws:sns:*:*:*" });
    assert.deepEqual(open(await findings(SourceArn, r)), [
      'from-sns: sourceArn must name the invoking resource of one account when the principal is the service "sns.amazonaws.com", got the pattern "arn:aws:sns:*:*:*".',
    ]);
  });

  it("Compliance 2: a bucket pattern pinned by sourceAccount", async () => {
    const r = edit(permission(), {
      principal: "s3.amazonaws.com",
      sourceArn: "arn:aws:s3:::uploads-*",
      sourceAccount: "123456789012",
    });
    assert.deepEqual(open(await findings(SourceArn, r)), []);
  });
});
