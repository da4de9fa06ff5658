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
  /** Protect the repository (its images) from deletion; on in prod. No default. */
  readonly protect: boolean;
  /**
   * Build the sample consumer from `app/` (false when `eventstack:image` names a prebuilt one and
   * the repository holds only consumers' own builds). Default true.
   */
  readonly buildSample?: boolean;
}

/** `<region>-docker.pkg.dev`. */
export function registryHost(region: string): string {
  return `${region}-docker.pkg.dev`;
}

/** The image's tag in the repository. */
export function imageTag(
  region: string,
  project: string,
  repositoryId: string,
  imageName: string = BUILD.imageName,
): string {
  return `${registryHost(region)}/${project}/${repositoryId}/${imageName}:latest`;
}

/** The build cache's tag in the same repository (BuildKit registry cache). */
export function cacheTag(
  region: string,
  project: string,
  repositoryId: string,
  imageName: string = BUILD.imageName,
): string {
  return `${registryHost(region)}/${project}/${repositoryId}/${imageName}:buildcache`;
}

/** What one image is built from: a context and Dockerfile relative to the project directory. */
export interface ImageSource {
  readonly context: string;
  readonly dockerfile: string;
  /** The image's name in the repository (the sample's is {@link BUILD}.imageName). */
  readonly imageName: string;
}

/**
 * A prebuilt image reference pinned by digest (`…@sha256:<64 hex>`). Cloud Run resolves a tag to
 * a digest when it creates a revision (https://cloud.google.com/run/docs/deploying#service), so a
 * tag pushed again never rolls out; only a digest in the template makes a new image a new
 * revision.
 */
export const PINNED_IMAGE = /^[a-z0-9][a-z0-9.-]*(:\d+)?\/[^@\s]+@sha256:[0-9a-f]{64}$/;

/** The repository and the pushed image. */
export class ConsumerImage extends pulumi.ComponentResource {
  readonly repository: gcp.artifactregistry.Repository;
  /**
   * The sample's digest-pinned reference (`<tag>@sha256:…`), so each build rolls out a new
   * revision; undefined when the sample is not built here.
   */
  readonly ref: pulumi.Output<string> | undefined;
  private readonly args: ConsumerImageArgs;

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
      { parent: this, protect: args.protect },
    );
    this.args = args;
    this.ref =
      args.buildSample === false
        ? undefined
        : this.build(`${name}-build`, {
            context: BUILD.context,
            dockerfile: BUILD.dockerfile,
            imageName: BUILD.imageName,
          });
    this.registerOutputs({ repository: this.repository.id, ref: this.ref });
  }

  /** Builds `source` and pushes it to the repository; returns its digest-pinned reference. */
  build(name: string, source: ImageSource): pulumi.Output<string> {
    const args = this.args;
    const token = gcp.organizations.getClientConfigOutput({ parent: this }).accessToken;
    const cache = cacheTag(args.region, args.project, args.repositoryId, source.imageName);
    const image = new dockerBuild.Image(
      name,
      {
        context: { location: source.context },
        dockerfile: { location: source.dockerfile },
        platforms: [BUILD.platform],
        tags: [imageTag(args.region, args.project, args.repositoryId, source.imageName)],
        // Previews must run without a Docker daemon (pull-request previews run on plain runners);
        // the image is built and pushed by `up` only. docker-build Image docs: "Setting this to
        // false will always skip image builds during previews".
        buildOnPreview: false,
        // BuildKit registry cache in the stack's own repository; "max" also keeps the build
        // stage's layers (npm ci), which is what makes rebuilds fast.
        cacheFrom: [{ registry: { ref: cache } }],
        cacheTo: [
          {
            registry: {
              ref: cache,
              mode: "max",
              imageManifest: true,
              ociMediaTypes: true,
            },
          },
        ],
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
    return image.ref;
  }
}
