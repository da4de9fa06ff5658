/**
 * The offline evaluator's engine semantics: which level applies, what "not applicable", unknown
 * values and exemptions do, where stack-level findings land.
 */
import assert from "node:assert/strict";
import { resourcePolicy, stackPolicy } from "../../../policies/lib/define";
import { z } from "zod";
import { evaluatePolicies, PolicyEvaluationError } from "../../../policies/offline/evaluate";
import { awsSqsQueueEnableEncryption } from "../../../policies/aws/sqs/enable-encryption";
import * as sentinels from "@pulumi/policy/proxy";
import { awsIamPolicyAttachmentDisallowBroadManagedPolicies } from "../../../policies/aws/iam/disallow-broad-managed-policies";
import { awsIamPolicyDocumentDisallowWildcardActions } from "../../../policies/aws/iam/disallow-wildcard-actions";
import { awsCloudwatchEventTargetMissingDeadLetterQueue } from "../../../policies/aws/cloudwatch/eventtarget-missing-dead-letter-queue";
import { gcpIamBindingDisallowBasicRoles } from "../../../policies/gcp/iam/disallow-basic-roles";
import { SECRET_PLACEHOLDER } from "../../../policies/offline/mock-types";
import { findings, open, res, UNKNOWN, urnOf } from "../support/policy-test";

/** The typed sentinels the engine marshals unknown lists and objects as (not in the typings). */
const TYPED = sentinels as unknown as { unknownArrayValue: string; unknownObjectValue: string };

const plainQueue = () => res("aws:sqs/queue:Queue", "q", {});
const REASON = "Queue for public catalog events only; encryption adds no protection here.";

describe("offline evaluation", () => {
  it("uses the pack default, then `all`, then the policy's own entry", async () => {
    const level = async (config?: Record<string, unknown>) =>
      (await findings(awsSqsQueueEnableEncryption, plainQueue(), config))[0]?.enforcementLevel;
    assert.equal(await level(), "mandatory");
    assert.equal(await level({ all: "advisory" }), "advisory");
    assert.equal(
      await level({ all: "advisory", "aws-sqs-queue-enable-encryption": "mandatory" }),
      "mandatory",
    );
    assert.equal(await level({ "aws-sqs-queue-enable-encryption": "remediate" }), "mandatory");
    assert.deepEqual(
      await findings(awsSqsQueueEnableEncryption, plainQueue(), { all: "disabled" }),
      [],
    );
  });

  it("reports an exempted finding, marked with its reason, without opening it", async () => {
    const v = await findings(awsSqsQueueEnableEncryption, plainQueue(), {
      "aws-sqs-queue-enable-encryption": {
        exemptions: [{ urn: urnOf("aws:sqs/queue:Queue", "q"), reason: REASON }],
      },
    });
    assert.equal(v.length, 1);
    assert.deepEqual(v[0]?.exemption, { reason: REASON });
    assert.equal(v[0]?.enforcementLevel, "mandatory");
    assert.match(v[0]?.message ?? "", /^the queue must set kmsMasterKeyId/);
    assert.deepEqual(open(v), []);
  });

  it("hands resource policies the inputs behind the engine's unknown-checking proxy", async () => {
    const seen: unknown[] = [];
    const probe = resourcePolicy(
      {
        name: "aws-sqs-queue-configure-probe",
        description: "Probe.",
        severity: "low",
        enforcementLevel: "advisory",
        tags: ["aws"],
        remediationSteps: "None.",
      },
      {
        types: ["aws:sqs/queue:Queue"],
        schema: z.looseObject({}),
        check: (_props, ctx) => seen.push(ctx.urn),
      },
    );
    const v = await findings(probe, [plainQueue(), res("aws:sns/topic:Topic", "t", {})]);
    assert.deepEqual(v, []);
    assert.deepEqual(seen, [urnOf("aws:sqs/queue:Queue", "q")]);
  });

  it("counts a value not known yet as set for a presence check", async () => {
    const q = res("aws:sqs/queue:Queue", "q", { sqsManagedSseEnabled: UNKNOWN });
    const v = await findings(awsSqsQueueEnableEncryption, q);
    // A value not known yet counts as set for a presence check: nothing to report.
    assert.deepEqual(v, []);
  });

  it("puts stack findings without a URN on the root stack", async () => {
    const whole = stackPolicy(
      {
        name: "aws-stack-stack-missing-anything",
        description: "Probe.",
        severity: "low",
        enforcementLevel: "advisory",
        tags: ["aws"],
        remediationSteps: "None.",
      },
      { types: ["aws:sqs/queue:Queue"], check: (_r, ctx) => ctx.report("stack-wide") },
    );
    const v = await findings(whole, [plainQueue()]);
    assert.equal(v[0]?.urn, "urn:pulumi:test::shop::pulumi:pulumi:Stack::shop-test");
  });

  it("fails loudly when a policy throws", async () => {
    const broken = resourcePolicy(
      {
        name: "aws-sqs-queue-configure-broken",
        description: "Probe.",
        severity: "low",
        enforcementLevel: "advisory",
        tags: ["aws"],
        remediationSteps: "None.",
      },
      {
        types: ["aws:sqs/queue:Queue"],
        schema: z.looseObject({}),
        check: () => {
          throw new Error("boom");
        },
      },
    );
    await assert.rejects(findings(broken, plainQueue()), (err: unknown) => {
      assert.ok(err instanceof PolicyEvaluationError);
      assert.match(
        err.message,
        /policy aws-sqs-queue-configure-broken failed on urn:pulumi:test::shop::aws:sqs\/queue:Queue::q: boom/,
      );
      return true;
    });
  });

  it("evaluates the whole pack in one call", async () => {
    const v = await evaluatePolicies([plainQueue()], { stack: "test", project: "shop" });
    assert.ok(v.some((x) => x.policy === "aws-sqs-queue-enable-encryption"));
    assert.ok(v.every((x) => x.pack === "eventstack-policies"));
  });

  it("treats the engine's typed unknown sentinels (list, object) as unknown, not as bad shapes", async () => {
    const role = res("aws:iam/role:Role", "fn", { managedPolicyArns: TYPED.unknownArrayValue });
    assert.deepEqual(await findings(awsIamPolicyAttachmentDisallowBroadManagedPolicies, role), []);
    const target = res("aws:cloudwatch/eventTarget:EventTarget", "t", {
      rule: "r",
      deadLetterConfig: TYPED.unknownObjectValue,
    });
    assert.deepEqual(await findings(awsCloudwatchEventTargetMissingDeadLetterQueue, target), []);
  });

  it("hands a secret to policies as a value not known, never as its placeholder text", async () => {
    const rp = res("aws:iam/rolePolicy:RolePolicy", "send", {
      role: "r",
      policy: SECRET_PLACEHOLDER,
    });
    const v = await findings(awsIamPolicyDocumentDisallowWildcardActions, rp);
    assert.deepEqual(
      v.map((x) => [x.enforcementLevel, x.message]),
      [
        [
          "advisory",
          "can't run policy 'aws-iam-policydocument-disallow-wildcard-actions' from policy pack 'eventstack-policies@v0.1.0' offline: the value at .policy is a secret, which the offline check cannot read",
        ],
      ],
    );
    const grants = res("gcp:projects/iAMPolicy:IAMPolicy", "p", {
      project: "p",
      policyData: SECRET_PLACEHOLDER,
    });
    assert.deepEqual(await findings(gcpIamBindingDisallowBasicRoles, grants), []);
    const arns = res("aws:iam/role:Role", "fn", { managedPolicyArns: SECRET_PLACEHOLDER });
    assert.deepEqual(await findings(awsIamPolicyAttachmentDisallowBroadManagedPolicies, arns), []);
  });
});
