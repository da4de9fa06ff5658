import assert from "node:assert/strict";
import { awsIamPolicyDocumentDisallowNotActionAllow as P } from "../../../../policies/aws/iam/disallow-not-action-allow";
import { edit, findings, open, res } from "../../support/policy-test";

const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });
const baseline = () =>
  res("aws:iam/policy:Policy", "p", {
    policy: doc([
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-west-1:1:q" },
    ]),
  });

describe("aws-iam-policydocument-disallow-notaction-allow", () => {
  it("Compliance 1: Allow with Action and Resource", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: Deny with NotAction", async () => {
    const r = edit(baseline(), {
      policy: doc([{ Effect: "Deny", NotAction: "iam:*", Resource: "*" }]),
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: Allow with NotAction", async () => {
    const r = edit(baseline(), {
      policy: doc([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'p: policy statement 1: Allow statements must use Action and Resource, got NotAction ["iam:*"].',
    ]);
  });

  it("Noncompliance 2: Allow with NotResource in a topic policy", async () => {
    const r = res("aws:sns/topicPolicy:TopicPolicy", "tp", {
      policy: doc([
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::1:root" },
          Action: "sns:Publish",
          NotResource: "arn:aws:sns:::x",
        },
      ]),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'tp: policy statement 1: Allow statements must use Action and Resource, got NotResource ["arn:aws:sns:::x"].',
    ]);
  });
});
