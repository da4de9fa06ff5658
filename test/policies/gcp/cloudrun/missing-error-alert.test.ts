import assert from "node:assert/strict";
import { gcpCloudRunServiceMissingErrorAlert as P } from "../../../../policies/gcp/cloudrun/missing-error-alert";
import { edit, findings, open, res } from "../../support/policy-test";

const service = () =>
  res(
    "gcp:cloudrunv2/service:Service",
    "orders",
    {},
    { outputs: { name: "orders-1a2b", location: "europe-west1" } },
  );
const alert = (f: string) =>
  res("gcp:monitoring/alertPolicy:AlertPolicy", "orders-errors", {
    displayName: "orders errors",
    conditions: [
      { displayName: "5xx", conditionThreshold: { filter: f, comparison: "COMPARISON_GT" } },
    ],
    notificationChannels: ["projects/acme/notificationChannels/1"],
  });
const good =
  'resource.type = "cloud_run_revision" AND resource.label.service_name = "orders-1a2b" AND metric.type = "run.googleapis.com/request_count" AND metric.label.response_code_class = "5xx"';

describe("gcp-cloudrun-service-missing-error-alert", () => {
  it("Compliance 1: 5xx alert on the service", async () => {
    assert.deepEqual(open(await findings(P, [service(), alert(good)])), []);
  });

  it("Noncompliance 1: no alert", async () => {
    assert.deepEqual(open(await findings(P, [service()])), [
      'orders: Cloud Run service "orders-1a2b" must be watched by an enabled alert policy with notification channels on run.googleapis.com/request_count naming it (or the whole project), got none.',
    ]);
  });

  it("Noncompliance 2: alert on another service", async () => {
    assert.equal(
      open(await findings(P, [service(), alert(good.replace("orders-1a2b", "billing"))])).length,
      1,
    );
  });

  it("Noncompliance 3: an alert naming the service but not on Cloud Run metrics", async () => {
    const a = edit(alert(good), {
      conditions: [
        {
          conditionThreshold: {
            filter:
              'metric.type = "logging.googleapis.com/x" AND resource.label.service_name = "orders-1a2b"',
          },
        },
      ],
    });
    assert.equal(open(await findings(P, [service(), a])).length, 1);
  });
});
