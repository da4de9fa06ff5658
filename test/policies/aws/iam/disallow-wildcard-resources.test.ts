import assert from "node:assert/strict";
import { awsIamPolicyDocumentDisallowWildcardResources as P } from "../../../../policies/aws/iam/disallow-wildcard-resources";
import { edit, findings, open, res } from "../../support/policy-test";

const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
const scoped = {
  Effect: "Allow",
  Action: "sqs:SendMessage",
  Resource: "arn:aws:sqs:eu-west-1:123456789012:q",
};
const baseline = () =>
  res("aws:iam/rolePolicy:RolePolicy", "fn", { role: "r", policy: doc([scoped]) });

describe("aws-iam-policydocument-disallow-wildcard-resources", () => {
  it("Compliance 1: actions on named ARNs", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: X-Ray and PutMetricData on `*` (actions AWS allows only on `*`)", async () => {
    const r = edit(baseline(), {
      policy: doc([
        scoped,
        {
          Effect: "Allow",
          Action: ["xray:PutTraceSegments", "XRay:PutTelemetryRecords", "cloudwatch:PutMetricData"],
          Resource: "*",
        },
      ]),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 3: resource policies are out of scope", async () => {
    const r = res("aws:sqs/queuePolicy:QueuePolicy", "qp", {
      policy: doc([
        {
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: "*",
        },
      ]),
    });
    assert.deepEqual(await findings(P, r), []);
  });

  it("Noncompliance 1: sqs:SendMessage on `*`", async () => {
    const r = edit(baseline(), { policy: doc([{ ...scoped, Resource: "*" }]) });
    assert.deepEqual(open(await findings(P, r)), [
      'fn: policy statement 1: Resource must name specific ARNs for "sqs:SendMessage", got "*".',
    ]);
  });

  it("Noncompliance 2: logs:CreateLogGroup is not exempt; only the scoped actions are named", async () => {
    const r = edit(baseline(), {
      policy: doc([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "xray:PutTraceSegments"],
          Resource: ["*"],
        },
      ]),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'fn: policy statement 1: Resource must name specific ARNs for "logs:CreateLogGroup", got "*".',
    ]);
  });

  it("Noncompliance 3: a managed policy (`aws.iam.Policy`) with `*` resources", async () => {
    const r = res("aws:iam/policy:Policy", "p", {
      policy: doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 4: Lambda VPC network-interface actions on `*` (they accept ARNs)", async () => {
    const r = edit(baseline(), {
      policy: doc([
        {
          Effect: "Allow",
          Action: ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces"],
          Resource: "*",
        },
      ]),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'fn: policy statement 1: Resource must name specific ARNs for "ec2:CreateNetworkInterface", got "*".',
    ]);
  });

  it("Compliance 4: network-interface actions scoped to the function's subnets and security group", async () => {
    const r = edit(baseline(), {
      policy: doc([
        {
          Effect: "Allow",
          Action: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"],
          Resource: [
            "arn:aws:ec2:eu-west-1:123456789012:network-interface/*",
            "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0a1b2c3d4e5f60718",
            "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b2c3d4e5f60718",
          ],
        },
      ]),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });
});
