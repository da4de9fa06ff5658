import assert from "node:assert/strict";
import {
  durationSeconds,
  gcpKmsCryptoKeyConfigureRotationPeriod as P,
} from "../../../../policies/gcp/kms/configure-rotation-period";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("gcp:kms/cryptoKey:CryptoKey", "data", {
    keyRing: "projects/acme/locations/europe-west1/keyRings/r",
    rotationPeriod: "7776000s",
  });

describe("gcp-kms-cryptokey-configure-rotation-period", () => {
  for (const [text, seconds] of [
    ["7776000s", 7776000],
    ["86400.5s", 86400.5],
    ["90d", undefined],
  ] as const) {
    it(`reads the duration ${text}`, () => assert.equal(durationSeconds(text), seconds));
  }

  it("Compliance 1: rotation every 90 days", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: asymmetric signing keys are out of scope", async () => {
    const r = edit(baseline(), { rotationPeriod: undefined, purpose: "ASYMMETRIC_SIGN" });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: no rotation", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { rotationPeriod: undefined }))), [
      'data: rotationPeriod must be at most "7776000s" (90 days), got none.',
    ]);
  });

  it("Noncompliance 2: yearly rotation", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { rotationPeriod: "31536000s" }))), [
      'data: rotationPeriod must be at most "7776000s" (90 days), got "31536000s".',
    ]);
  });
});
