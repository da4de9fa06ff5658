/** Every documented way to make a Cloud Run service or job public, v1 and v2. */
import assert from "node:assert/strict";
import { gcpIamMemberDisallowPublicAccess as P } from "../../../../policies/gcp/iam/disallow-public-access";
import { findings, open, res } from "../../support/policy-test";

const v1 = (annotations: Record<string, string>) =>
  res("gcp:cloudrun/service:Service", "orders", {
    name: "orders",
    location: "europe-west1",
    metadata: { annotations },
    template: { spec: { containers: [{ image: "europe-docker.pkg.dev/shop/orders:1" }] } },
  });

describe("gcp-iam-member-disallow-public-access (Cloud Run v1 and v2)", () => {
  it("Compliance 1: a v1 service with its ingress annotation only", async () => {
    const r = v1({ "run.googleapis.com/ingress": "internal" });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it('Noncompliance 1: a v1 service with run.googleapis.com/invoker-iam-disabled: "true"', async () => {
    const r = v1({ "run.googleapis.com/invoker-iam-disabled": "true" });
    assert.deepEqual(open(await findings(P, r)), [
      'orders: metadata.annotations must not set "run.googleapis.com/invoker-iam-disabled" to "true", which lets anyone invoke the service.',
    ]);
  });

  it("Noncompliance 2: a v1 service granted to allUsers with gcp.cloudrun.IamMember", async () => {
    const r = res("gcp:cloudrun/iamMember:IamMember", "public", {
      service: "orders",
      location: "europe-west1",
      role: "roles/run.invoker",
      member: "allUsers",
    });
    assert.deepEqual(open(await findings(P, r)), [
      'public: member must name specific principals for "roles/run.invoker", got "allUsers".',
    ]);
  });

  it("Noncompliance 3: a v2 job whose IAM policy lets allAuthenticatedUsers run it", async () => {
    const r = res("gcp:cloudrunv2/jobIamPolicy:JobIamPolicy", "job", {
      name: "projects/shop/locations/europe-west1/jobs/reindex",
      policyData: JSON.stringify({
        bindings: [{ role: "roles/run.invoker", members: ["allAuthenticatedUsers"] }],
      }),
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 4: a v2 worker pool binding to allUsers", async () => {
    const r = res("gcp:cloudrunv2/workerPoolIamBinding:WorkerPoolIamBinding", "pool", {
      name: "pool",
      role: "roles/run.developer",
      members: ["user:dev@example.com", "allUsers"],
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });
});
