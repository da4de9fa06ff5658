/**
 * The consumer container image: built from `app/` with Pulumi's Docker build provider and pushed
 * to an Artifact Registry repository the stack owns. The GCP platform builds it whenever
 * `eventstack:image` is unset or `build` (`IMAGE_BUILD` in components/config.ts, the default
 * `Pulumi.yaml` declares); any other value is deployed as a prebuilt image instead.
 */
import * as dockerBuild from "@pulumi/docker-build";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** Where the image is built from, relative to the project directory. */
export const BUILD = {
  context: ".",
  dockerfile: "app/consumer/Dockerfile",
  platform: "linux/amd64",
  imageName: "consumer",
} as const;

/** Arguments of {@link ConsumerImage}. */
export interface ConsumerImageArgs {
  readonly project: string;
  readonly region: string;
  /** Repository id. No default. */
  readonly repositoryId: string;
  /** Customer-managed key; undefined means Google-managed encryption. No default. */
  readonly kmsKeyName: pulumi.Input<string> | undefined;
  /** Labels for the repository and the image. No default. */
  readonly labels: Readonly<Record<string, string>>;
}

/** `<region>-docker.pkg.dev`. */
export function registryHost(region: string): string {
  return `${region}-docker.pkg.dev`;
}

/** The image's tag in the repository. */
export function imageTag(region: string, project: string, repositoryId: string): string {
  return `${registryHost(region)}/${project}/${repositoryId}/${BUILD.imageName}:latest`;
}

/** The repository and the pushed image. */
export class ConsumerImage extends pulumi.ComponentResource {
  readonly repository: gcp.artifactregistry.Repository;
  /** Digest-pinned reference (`<tag>@sha256:…`), so each build rolls out a new revision. */
  readonly ref: pulumi.Output<string>;

  constructor(name: string, args: ConsumerImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:ConsumerImage", name, {}, opts);
    this.repository = new gcp.artifactregistry.Repository(
      `${name}-repository`,
      {
        project: args.project,
        location: args.region,
        repositoryId: args.repositoryId,
        format: "DOCKER",
        description: "eventstack consumer images",
        kmsKeyName: args.kmsKeyName,
        cleanupPolicies: [
          { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 10 } },
          { id: "delete-old", action: "DELETE", condition: { olderThan: "2592000s" } },
        ],
        labels: { ...args.labels },
      },
      { parent: this },
    );
    const token = gcp.organizations.getClientConfigOutput({ parent: this }).accessToken;
    const image = new dockerBuild.Image(
      `${name}-build`,
      {
        context: { location: BUILD.context },
        dockerfile: { location: BUILD.dockerfile },
        platforms: [BUILD.platform],
        tags: [imageTag(args.region, args.project, args.repositoryId)],
        labels: { ...args.labels },
        push: true,
        registries: [
          {
            address: registryHost(args.region),
            username: "oauth2accesstoken",
            password: pulumi.secret(token),
          },
        ],
      },
      { parent: this, dependsOn: [this.repository] },
    );
    this.ref = image.ref;
    this.registerOutputs({ repository: this.repository.id, ref: this.ref });
  }
}
