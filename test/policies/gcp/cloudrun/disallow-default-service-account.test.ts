import assert from "node:assert/strict";
import { gcpCloudRunServiceDisallowDefaultServiceAccount as P } from "../../../../policies/gcp/cloudrun/disallow-default-service-account";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const template = (serviceAccount?: unknown) => ({
  containers: [{ image: "europe-west1-docker.pkg.dev/acme/x/consumer@sha256:1" }],
  ...(serviceAccount === undefined ? {} : { serviceAccount }),
});
const baseline = () =>
  res("gcp:cloudrunv2/service:Service", "orders", {
    location: "europe-west1",
    template: template("orders-run@acme.iam.gserviceaccount.com"),
  });

describe("gcp-cloudrun-service-disallow-default-service-account", () => {
  it("Compliance 1: dedicated service account", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: service account email not known yet during a preview", async () => {
    assert.deepEqual(
      open(await findings(P, edit(baseline(), { template: template(UNKNOWN) }))),
      [],
    );
  });

  it("Compliance 3: Cloud Run v1 service with a dedicated account", async () => {
    const r = res("gcp:cloudrun/service:Service", "v1", {
      template: { spec: { serviceAccountName: "x@acme.iam.gserviceaccount.com" } },
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: no service account (runs as the default)", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { template: template() }))), [
      "orders: template.serviceAccount must name a dedicated service account, got none (the default Compute Engine account).",
    ]);
  });

  it("Noncompliance 2: the default Compute Engine account named explicitly", async () => {
    const r = edit(baseline(), {
      template: template("482901735528-compute@developer.gserviceaccount.com"),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'orders: template.serviceAccount must name a dedicated service account, got the default "482901735528-compute@developer.gserviceaccount.com".',
    ]);
  });
});
