import assert from "node:assert/strict";
import { gcpIamMemberDisallowPublicAccess as P } from "../../../../policies/gcp/iam/disallow-public-access";
import { edit, findings, open, res } from "../../support/policy-test";

const PUSH_SA = "serviceAccount:orders-push@acme.iam.gserviceaccount.com";
const baseline = () =>
  res("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "invoker", {
    name: "orders",
    location: "europe-west1",
    role: "roles/run.invoker",
    member: PUSH_SA,
  });

describe("gcp-iam-member-disallow-public-access", () => {
  it("Compliance 1: invoker granted to the push service account", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: Cloud Run service with invoker IAM on", async () => {
    const svc = res("gcp:cloudrunv2/service:Service", "orders", {
      location: "europe-west1",
      invokerIamDisabled: false,
    });
    assert.deepEqual(open(await findings(P, svc)), []);
  });

  it("Noncompliance 1: Cloud Run invoker for allUsers", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { member: "allUsers" }))), [
      'invoker: member must name specific principals for "roles/run.invoker", got "allUsers".',
    ]);
  });

  it("Noncompliance 2: Pub/Sub topic publisher binding for allAuthenticatedUsers", async () => {
    const r = res("gcp:pubsub/topicIAMBinding:TopicIAMBinding", "pub", {
      topic: "orders",
      role: "roles/pubsub.publisher",
      members: [PUSH_SA, "allAuthenticatedUsers"],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: secret accessor for allUsers", async () => {
    const r = res("gcp:secretmanager/secretIamMember:SecretIamMember", "s", {
      secretId: "api-key",
      role: "roles/secretmanager.secretAccessor",
      member: "allUsers",
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 4: project-level grant to allUsers", async () => {
    const r = res("gcp:projects/iAMMember:IAMMember", "p", {
      project: "acme",
      role: "roles/pubsub.subscriber",
      member: "allUsers",
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 5: Cloud Run service with invoker IAM disabled", async () => {
    const svc = res("gcp:cloudrunv2/service:Service", "orders", {
      location: "europe-west1",
      invokerIamDisabled: true,
    });
    assert.deepEqual(open(await findings(P, svc)), [
      "orders: invokerIamDisabled must be false so only granted principals can invoke the service, got true.",
    ]);
  });
});
