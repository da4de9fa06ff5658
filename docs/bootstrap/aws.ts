/**
 * AWS bootstrap: GitHub's OIDC identity provider, a read-only preview role that only pull-request
 * jobs can assume, and a deploy role per GitHub environment that only that environment's jobs can
 * assume, allowed only on its stack's resources ({@link deployPolicy}).
 *
 * Provider: "Create an OpenID Connect (OIDC) identity provider in IAM",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html (AWS
 * verifies GitHub's certificate itself; no thumbprint is needed).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BootstrapConfig } from "./config";
import { AWS_AUDIENCE, GITHUB_ISSUER } from "./github-oidc";
import { PREVIEW_MANAGED_POLICY, deployPolicy, deployTrust, previewTrust } from "./aws-permissions";

export interface AwsBootstrapArgs {
  readonly config: BootstrapConfig;
}

export class AwsBootstrap extends pulumi.ComponentResource {
  /** AWS_PREVIEW_ROLE_ARN (repository variable). */
  readonly previewRoleArn: pulumi.Output<string>;
  /** Per GitHub environment: AWS_ROLE_ARN (environment variable). */
  readonly deployRoleArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: AwsBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:bootstrap:Aws", name, {}, opts);
    const { config } = args;
    const child = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, child);
    const region = aws.getRegionOutput({}, child);
    const partition = aws.getPartitionOutput({}, child);

    const provider = new aws.iam.OpenIdConnectProvider(
      `${name}-github`,
      { url: GITHUB_ISSUER, clientIdLists: [AWS_AUDIENCE] },
      child,
    );

    const preview = new aws.iam.Role(
      `${name}-preview`,
      {
        name: "eventstack-github-preview",
        description: `Read-only pulumi preview for ${config.repository}'s pull requests`,
        assumeRolePolicy: provider.arn.apply((arn) =>
          JSON.stringify(previewTrust(arn, config.repository)),
        ),
        maxSessionDuration: 3600,
      },
      child,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-preview-view-only`,
      { role: preview.name, policyArn: PREVIEW_MANAGED_POLICY },
      child,
    );
    this.previewRoleArn = preview.arn;

    const deployRoleArns: Record<string, pulumi.Output<string>> = {};
    for (const d of config.deployments) {
      const role = new aws.iam.Role(
        `${name}-deploy-${d.stack}`,
        {
          name: `eventstack-github-deploy-${d.stack}`,
          description: `pulumi up of stack ${d.stack} from ${config.repository}'s environment ${d.environment}`,
          assumeRolePolicy: provider.arn.apply((arn) =>
            JSON.stringify(deployTrust(arn, config.repository, d.environment)),
          ),
          maxSessionDuration: 3600,
        },
        child,
      );
      new aws.iam.RolePolicy(
        `${name}-deploy-${d.stack}`,
        {
          role: role.name,
          policy: pulumi
            .all([partition.partition, region.region, identity.accountId])
            .apply(([p, r, a]) =>
              JSON.stringify(
                deployPolicy({
                  partition: p,
                  region: r,
                  account: a,
                  prefix: `eventstack-${d.stack}`,
                }),
              ),
            ),
        },
        child,
      );
      deployRoleArns[d.environment] = role.arn;
    }
    this.deployRoleArns = deployRoleArns;
    this.registerOutputs({ previewRoleArn: this.previewRoleArn, deployRoleArns });
  }
}
