import assert from "node:assert/strict";
import { imageTag, registryHost } from "../../../components/gcp/image";
import { dashboardUrl } from "../../../components/gcp/monitoring";

describe("gcp console and registry addresses", () => {
  it("links a dashboard by its id in the project", () => {
    assert.equal(
      dashboardUrl("projects/482901735528/dashboards/0f1e2d3c", "acme-events-dev"),
      "https://console.cloud.google.com/monitoring/dashboards/builder/0f1e2d3c?project=acme-events-dev",
    );
  });

  it("tags the consumer image in the stack's regional repository", () => {
    assert.equal(registryHost("europe-west1"), "europe-west1-docker.pkg.dev");
    assert.equal(
      imageTag("europe-west1", "acme-events-dev", "eventstack-dev-images"),
      "europe-west1-docker.pkg.dev/acme-events-dev/eventstack-dev-images/consumer:latest",
    );
  });
});
