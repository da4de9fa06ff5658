/**
 * The bootstrap program: read config once → the cloud's bootstrap component → the values the
 * workflows' variables take (README, "Bootstrap").
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsBootstrap } from "./aws";
import { loadBootstrapConfig } from "./config";
import { GcpBootstrap } from "./gcp";

/** The language host calls the exported function and exports what it returns. */
function outputs(): Record<string, unknown> {
  const config = loadBootstrapConfig();
  if (config.cloud === "gcp") {
    const gcp = new GcpBootstrap("eventstack-bootstrap", {
      project: new pulumi.Config("gcp").require("project"),
      config,
    });
    return {
      GCP_PREVIEW_WORKLOAD_IDENTITY_PROVIDER: gcp.preview.workloadIdentityProvider,
      GCP_PREVIEW_SERVICE_ACCOUNT: gcp.preview.serviceAccount,
      environments: Object.fromEntries(
        Object.entries(gcp.deploy).map(([env, id]) => [
          env,
          {
            GCP_WORKLOAD_IDENTITY_PROVIDER: id.workloadIdentityProvider,
            GCP_SERVICE_ACCOUNT: id.serviceAccount,
          },
        ]),
      ),
    };
  }
  const aws = new AwsBootstrap("eventstack-bootstrap", { config });
  return {
    AWS_PREVIEW_ROLE_ARN: aws.previewRoleArn,
    environments: Object.fromEntries(
      Object.entries(aws.deployRoleArns).map(([env, arn]) => [env, { AWS_ROLE_ARN: arn }]),
    ),
  };
}

export = outputs;
