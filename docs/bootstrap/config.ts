/**
 * The bootstrap's config model: which cloud, which repository, and which GitHub environment deploys
 * which eventstack stack. Every value is validated before a resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

export const BOOTSTRAP_CLOUDS = ["gcp", "aws"] as const;
export type BootstrapCloud = (typeof BOOTSTRAP_CLOUDS)[number];

/** One deploy identity: the GitHub environment that may assume it and the stack it deploys. */
export interface Deployment {
  /** GitHub environment name (deploy.yml: `development`, `production`). */
  readonly environment: string;
  /** The eventstack stack the environment deploys (its physical names start `eventstack-<stack>`). */
  readonly stack: string;
}

export interface BootstrapConfig {
  readonly cloud: BootstrapCloud;
  /** `OWNER/REPO`, as GitHub spells it in the OIDC token's `repository` claim. */
  readonly repository: string;
  readonly deployments: readonly Deployment[];
}

/** A bootstrap config value that cannot be used; names the key, the value and what is allowed. */
export class BootstrapConfigError extends Error {
  constructor(key: string, value: unknown, allowed: string) {
    super(`eventstack-bootstrap:${key} must be ${allowed}, got ${JSON.stringify(value)}`);
    this.name = "BootstrapConfigError";
  }
}

// GitHub: owner and repository names are letters, digits, '-', '_' and '.'.
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
// GitHub environment names: up to 255 characters; ':' would break the OIDC `sub` claim's layout.
const ENVIRONMENT = /^[A-Za-z0-9._ -]{1,255}$/;
// The deploy service account id is `eventstack-deploy-<stack>`, at most 30 characters.
const STACK = /^[a-z0-9][a-z0-9-]{0,11}$/;

const deploymentsSchema = z
  .array(
    z.strictObject({
      environment: z.string().regex(ENVIRONMENT),
      stack: z.string().regex(STACK),
    }),
  )
  .min(1)
  .max(10);

/** Parses raw `eventstack-bootstrap:*` values (structured values arrive as JSON text, as from the engine). */
export function parseBootstrapConfig(
  raw: Readonly<Record<string, string | undefined>>,
): BootstrapConfig {
  const cloud = raw.cloud;
  if (!(BOOTSTRAP_CLOUDS as readonly (string | undefined)[]).includes(cloud)) {
    throw new BootstrapConfigError("cloud", cloud, '"gcp" or "aws"');
  }
  const repository = raw.repository;
  if (repository === undefined || !REPOSITORY.test(repository)) {
    throw new BootstrapConfigError(
      "repository",
      repository,
      '"OWNER/REPO" (e.g. "acme/eventstack")',
    );
  }
  let deployments: unknown;
  try {
    deployments = JSON.parse(raw.deployments ?? "null");
  } catch {
    deployments = raw.deployments;
  }
  const parsed = deploymentsSchema.safeParse(deployments);
  if (!parsed.success) {
    throw new BootstrapConfigError(
      "deployments",
      deployments,
      'a list of 1–10 {environment, stack} (e.g. [{"environment": "production", "stack": "prod"}]; stack: up to 12 lowercase letters, digits, "-")',
    );
  }
  const envs = parsed.data.map((d) => d.environment);
  const dup = envs.find((e, i) => envs.indexOf(e) !== i);
  if (dup !== undefined) {
    throw new BootstrapConfigError(
      "deployments",
      deployments,
      `one entry per environment ("${dup}" twice)`,
    );
  }
  return { cloud: cloud as BootstrapCloud, repository, deployments: parsed.data };
}

/** Reads the stack's `eventstack-bootstrap:*` config through Pulumi. */
export function loadBootstrapConfig(): BootstrapConfig {
  const config = new pulumi.Config("eventstack-bootstrap");
  return parseBootstrapConfig({
    cloud: config.get("cloud"),
    repository: config.get("repository"),
    deployments: config.get("deployments"),
  });
}
