/**
 * GCP bootstrap: a workload identity pool for GitHub Actions with one provider for pull-request
 * previews and one per deploy environment, each with an attribute condition; a preview service
 * account with read-only predefined roles and a deploy service account per environment with the
 * roles the program's resource types need ({@link GCP_ROLES_BY_TYPE}).
 *
 * Providers: "Configure Workload Identity Federation with deployment pipelines",
 * https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines
 * (attribute conditions are CEL over `assertion`; a token whose condition is false is refused).
 * Principal identifiers (`principal://…/subject/…`, `principalSet://…/attribute.NAME/VALUE`):
 * https://cloud.google.com/iam/docs/principal-identifiers.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { BootstrapConfig } from "./config";
import {
  GITHUB_ISSUER,
  environmentSubject,
  gcpDeployCondition,
  gcpPreviewCondition,
} from "./github-oidc";
import { rolesOf } from "./gcp-roles";

/** A provider id: 4–32 of [a-z0-9-]. */
function providerId(environment: string): string {
  const slug = environment.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  return `gh-${slug}`.slice(0, 32).replace(/-+$/, "");
}

/** The workflow variables the bootstrap's outputs fill in. */
export interface GcpIdentity {
  readonly workloadIdentityProvider: pulumi.Output<string>;
  readonly serviceAccount: pulumi.Output<string>;
}

export interface GcpBootstrapArgs {
  /** The project the eventstack stacks deploy to (`gcp:project`). */
  readonly project: string;
  readonly config: BootstrapConfig;
}

export class GcpBootstrap extends pulumi.ComponentResource {
  /** GCP_PREVIEW_WORKLOAD_IDENTITY_PROVIDER / GCP_PREVIEW_SERVICE_ACCOUNT (repository variables). */
  readonly preview: GcpIdentity;
  /** Per GitHub environment: GCP_WORKLOAD_IDENTITY_PROVIDER / GCP_SERVICE_ACCOUNT. */
  readonly deploy: Readonly<Record<string, GcpIdentity>>;

  constructor(name: string, args: GcpBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:bootstrap:Gcp", name, {}, opts);
    const { project, config } = args;
    const child = { parent: this };

    const iamApi = new gcp.projects.Service(
      `${name}-iamcredentials`,
      { project, service: "iamcredentials.googleapis.com", disableOnDestroy: false },
      child,
    );
    const stsApi = new gcp.projects.Service(
      `${name}-sts`,
      { project, service: "sts.googleapis.com", disableOnDestroy: false },
      child,
    );
    const pool = new gcp.iam.WorkloadIdentityPool(
      `${name}-pool`,
      {
        project,
        workloadIdentityPoolId: "github-actions",
        displayName: "GitHub Actions",
        description: `GitHub Actions of ${config.repository}`,
      },
      { ...child, dependsOn: [iamApi, stsApi] },
    );
    const provider = (suffix: string, id: string, condition: string) =>
      new gcp.iam.WorkloadIdentityPoolProvider(
        `${name}-${suffix}`,
        {
          project,
          workloadIdentityPoolId: pool.workloadIdentityPoolId,
          workloadIdentityPoolProviderId: id,
          displayName: id,
          attributeMapping: {
            "google.subject": "assertion.sub",
            "attribute.repository": "assertion.repository",
            "attribute.event_name": "assertion.event_name",
          },
          attributeCondition: condition,
          oidc: { issuerUri: GITHUB_ISSUER },
        },
        child,
      );
    const account = (suffix: string, accountId: string, what: string) =>
      new gcp.serviceaccount.Account(
        `${name}-${suffix}`,
        {
          project,
          accountId,
          displayName: `eventstack ${what}`,
          description: `${what} of ${config.repository}'s GitHub Actions`,
        },
        child,
      );
    const grantProject = (prefix: string, member: pulumi.Output<string>, roles: string[]) =>
      roles.map(
        (role) =>
          new gcp.projects.IAMMember(
            `${prefix}-${role.replace(/^roles\//, "").replace(/\./g, "-")}`,
            { project, role, member },
            child,
          ),
      );
    // principal(Set) identifiers name the pool by project number and pool id:
    // //iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL_ID.
    const number = gcp.organizations.getProjectOutput({ projectId: project }, child).number;
    const poolPath = pulumi.interpolate`//iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${pool.workloadIdentityPoolId}`;

    const previewProvider = provider(
      "preview",
      "gh-pull-request",
      gcpPreviewCondition(config.repository),
    );
    const previewAccount = account(
      "preview",
      "eventstack-preview",
      "pull-request preview (read-only)",
    );
    grantProject(`${name}-preview`, previewAccount.member, rolesOf("preview"));
    new gcp.serviceaccount.IAMMember(
      `${name}-preview-wif`,
      {
        serviceAccountId: previewAccount.name,
        role: "roles/iam.workloadIdentityUser",
        member: pulumi.interpolate`principalSet:${poolPath}/attribute.event_name/pull_request`,
      },
      child,
    );
    this.preview = {
      workloadIdentityProvider: previewProvider.name,
      serviceAccount: previewAccount.email,
    };

    const deploy: Record<string, GcpIdentity> = {};
    for (const d of config.deployments) {
      const p = provider(
        `deploy-${d.stack}`,
        providerId(d.environment),
        gcpDeployCondition(config.repository, d.environment),
      );
      const a = account(
        `deploy-${d.stack}`,
        `eventstack-deploy-${d.stack}`,
        `deploy of stack ${d.stack} (environment ${d.environment})`,
      );
      grantProject(`${name}-deploy-${d.stack}`, a.member, rolesOf("deploy"));
      new gcp.serviceaccount.IAMMember(
        `${name}-deploy-${d.stack}-wif`,
        {
          serviceAccountId: a.name,
          role: "roles/iam.workloadIdentityUser",
          // Only the environment's jobs: their `sub` is repo:OWNER/REPO:environment:NAME.
          member: pulumi.interpolate`principal:${poolPath}/subject/${environmentSubject(config.repository, d.environment)}`,
        },
        child,
      );
      deploy[d.environment] = { workloadIdentityProvider: p.name, serviceAccount: a.email };
    }
    this.deploy = deploy;
    this.registerOutputs({ preview: this.preview, deploy: this.deploy });
  }
}
