/**
 * Exemption config: the JSON schema Pulumi's CLI validates with and the schema the offline loader
 * and the policies use must accept and reject the same entries.
 */
import assert from "node:assert/strict";
import Ajv from "ajv";
import {
  EXEMPTIONS_CONFIG_SCHEMA,
  exemptionFor,
  policyPropertiesSchema,
} from "../../../policies/lib/exemptions";

const URN = "urn:pulumi:prod::eventstack::aws:sqs/queue:Queue::legacy";
const REASON = "Legacy queue holds only public catalog events; removal is tracked in PLAT-42.";

const cases: { what: string; config: unknown; valid: boolean }[] = [
  { what: "no exemptions", config: {}, valid: true },
  { what: "one exemption", config: { exemptions: [{ urn: URN, reason: REASON }] }, valid: true },
  {
    what: "a reason of one word",
    config: { exemptions: [{ urn: URN, reason: "legacyqueueexemption-ok" }] },
    valid: false,
  },
  {
    what: "a reason too short",
    config: { exemptions: [{ urn: URN, reason: "too short a b" }] },
    valid: false,
  },
  { what: "no reason", config: { exemptions: [{ urn: URN }] }, valid: false },
  { what: "no URN", config: { exemptions: [{ reason: REASON }] }, valid: false },
  {
    what: "a name instead of a URN",
    config: { exemptions: [{ urn: "legacy", reason: REASON }] },
    valid: false,
  },
  {
    what: "an unknown field",
    config: { exemptions: [{ urn: URN, reason: REASON, until: "2027" }] },
    valid: false,
  },
  {
    what: "exemptions not a list",
    config: { exemptions: { urn: URN, reason: REASON } },
    valid: false,
  },
];

describe("exemption config", () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile({ type: "object", ...EXEMPTIONS_CONFIG_SCHEMA });

  for (const c of cases) {
    it(`${c.valid ? "accepts" : "rejects"} ${c.what}, in the CLI's JSON schema and offline alike`, () => {
      assert.equal(validate(c.config), c.valid, JSON.stringify(validate.errors));
      assert.equal(policyPropertiesSchema.safeParse(c.config).success, c.valid);
    });
  }

  it("finds the exemption for a URN, and none for another", () => {
    const config = { exemptions: [{ urn: URN, reason: REASON }] };
    assert.equal(exemptionFor(config, URN)?.reason, REASON);
    assert.equal(exemptionFor(config, `${URN}-2`), undefined);
    assert.equal(exemptionFor({}, URN), undefined);
  });
});
