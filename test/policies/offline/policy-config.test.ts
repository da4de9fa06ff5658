import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  loadPolicyConfig,
  parsePolicyConfig,
  PolicyConfigError,
  policyConfigForStack,
} from "../../../policies/offline/policy-config";

const URN = "urn:pulumi:prod::eventstack::aws:sqs/queue:Queue::legacy";
const REASON = "Holds only public catalog events; removal is tracked in PLAT-42.";
const parse = (doc: unknown) => parsePolicyConfig(JSON.stringify(doc), "cfg.json");

describe("policy pack config files", () => {
  it("reads levels given as strings and as objects, with properties for getConfig()", () => {
    const c = parse({
      all: "advisory",
      "aws-sqs-queue-enable-encryption": "mandatory",
      "aws-kms-key-enable-rotation": {
        enforcementLevel: "disabled",
        exemptions: [{ urn: URN, reason: REASON }],
      },
    });
    assert.equal(c.all, "advisory");
    assert.deepEqual(c.policies.get("aws-sqs-queue-enable-encryption"), {
      enforcementLevel: "mandatory",
      properties: {},
    });
    assert.deepEqual(c.policies.get("aws-kms-key-enable-rotation"), {
      enforcementLevel: "disabled",
      properties: { exemptions: [{ urn: URN, reason: REASON }] },
    });
  });

  it("accepts an empty file, as Pulumi does", () => {
    assert.equal(parsePolicyConfig("  \n", "empty.json").policies.size, 0);
  });

  const bad: { what: string; text: string; message: RegExp }[] = [
    { what: "text that is not JSON", text: "{", message: /^cfg\.json: not valid JSON/ },
    { what: "a list", text: "[]", message: /^cfg\.json: must be a JSON object/ },
    {
      what: "an unknown policy name",
      text: JSON.stringify({ "aws-sqs-queue-enable-encryptoin": "mandatory" }),
      message: /^cfg\.json: "aws-sqs-queue-enable-encryptoin" is not a policy of this pack/,
    },
    {
      what: "an unknown level",
      text: JSON.stringify({ "aws-sqs-queue-enable-encryption": "strict" }),
      message:
        /^cfg\.json: aws-sqs-queue-enable-encryption must be one of advisory, mandatory, remediate, disabled, got "strict"$/,
    },
    {
      what: "an unknown level in an object",
      text: JSON.stringify({ "aws-sqs-queue-enable-encryption": { enforcementLevel: 1 } }),
      message: /aws-sqs-queue-enable-encryption\.enforcementLevel must be one of .*, got 1$/,
    },
    {
      what: "a bad level for all",
      text: JSON.stringify({ all: "warn" }),
      message: /^cfg\.json: "all" must be one of .*, got "warn"$/,
    },
    {
      what: "an exemption whose reason is not a sentence",
      text: JSON.stringify({
        "aws-sqs-queue-enable-encryption": { exemptions: [{ urn: URN, reason: "legacy" }] },
      }),
      message:
        /^cfg\.json: aws-sqs-queue-enable-encryption\.exemptions\[0\]\.reason must be at least a sentence .*, got "legacy"$/,
    },
    {
      what: "an exemption without a URN",
      text: JSON.stringify({
        "aws-sqs-queue-enable-encryption": { exemptions: [{ reason: REASON }] },
      }),
      message: /aws-sqs-queue-enable-encryption\.exemptions\[0\]\.urn must be/,
    },
    {
      what: "a setting the policy does not take",
      text: JSON.stringify({ "aws-sqs-queue-enable-encryption": { exemption: [] } }),
      message:
        /aws-sqs-queue-enable-encryption\.exemption is not a setting of aws-sqs-queue-enable-encryption; allowed: enforcementLevel, exemptions$/,
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.what}, naming the key and value`, () => {
      assert.throws(
        () => parsePolicyConfig(c.text, "cfg.json"),
        (err: unknown) => {
          assert.ok(err instanceof PolicyConfigError);
          assert.match(err.message, c.message);
          return true;
        },
      );
    });
  }

  it("reports a file it cannot read", () => {
    assert.throws(
      () => loadPolicyConfig("/nonexistent/x.json"),
      /x\.json: cannot read the policy config/,
    );
  });

  it("loads a file from disk", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-config-"));
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ all: "mandatory" }));
    assert.equal(loadPolicyConfig(file).all, "mandatory");
  });

  it("picks policies/config/<stack>.json for a stack, and nothing for a stack without one", () => {
    assert.match(policyConfigForStack("dev")?.source ?? "", /policies\/config\/dev\.json$/);
    assert.equal(policyConfigForStack("staging"), undefined);
    assert.equal(policyConfigForStack("../dev"), undefined);
  });
});
