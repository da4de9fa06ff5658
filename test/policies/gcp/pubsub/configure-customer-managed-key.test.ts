import assert from "node:assert/strict";
import { gcpPubsubTopicConfigureCustomerManagedKey as P } from "../../../../policies/gcp/pubsub/configure-customer-managed-key";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("gcp:pubsub/topic:Topic", "events", {
    kmsKeyName: "projects/acme/locations/europe-west1/keyRings/r/cryptoKeys/k",
  });

describe("gcp-pubsub-topic-configure-customer-managed-key", () => {
  it("Compliance 1: topic with a customer-managed key", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: topic with Google-managed encryption", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { kmsKeyName: undefined }))), [
      "events: kmsKeyName must name a customer-managed Cloud KMS key, got none.",
    ]);
  });
});
