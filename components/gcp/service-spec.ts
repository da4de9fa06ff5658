/**
 * The Cloud Run revision template of a consumer, as plain data: image, identity, scaling,
 * resources, probes on the health endpoint, and the environment the app expects.
 */
import type { ConsumerConfig, GcpAuthMode } from "../config";
import { sampleNodeOptions } from "./node-options";

/** What the consumer container needs from the platform. */
export const CONTAINER = {
  port: 8080,
  /** Not `/healthz`: Cloud Run reserves paths ending in `z` (see app/consumer/app.ts). */
  healthPath: "/health",
  logLevel: "info",
  secretEnv: "BACKEND_API_KEY",
} as const;

/**
 * The smallest CPU count Cloud Run allows for a memory size: up to 4 GiB on 1 CPU, 8 GiB on 2,
 * 16 GiB on 4, 24 GiB on 6, 32 GiB on 8.
 */
export function cpuForMemory(memoryMb: number): string {
  const steps: readonly [number, string][] = [
    [4096, "1"],
    [8192, "2"],
    [16384, "4"],
    [24576, "6"],
    [32768, "8"],
  ];
  const step = steps.find(([limit]) => memoryMb <= limit);
  if (step === undefined) throw new Error(`Cloud Run allows at most 32768 MB, got ${memoryMb}`);
  return step[1];
}

/** Values only known once resources exist; `S` is `string` or a Pulumi output of one. */
export interface TemplateRefs<S> {
  readonly image: S;
  /**
   * Whether `image` is the sample image this stack builds from app/consumer/Dockerfile, whose
   * `ENV` is known here; not a team's image, nor a prebuilt `eventstack:image`, which may be any
   * image with its own `NODE_OPTIONS`.
   */
  readonly imageBuiltFromApp: boolean;
  readonly serviceAccount: S;
  /** OIDC audience of the push tokens. */
  readonly audience: S;
  readonly pushServiceAccount: S;
  /**
   * `oidc`: the app verifies each push token (audience, issuer, push identity) after Cloud Run's
   * IAM check, as defence in depth; `iam`: Cloud Run's check alone.
   */
  readonly authMode: GcpAuthMode;
  /**
   * Secret id and version number mounted as `BACKEND_API_KEY`, if the consumer has a secret. A
   * version number, never the `latest` alias: only access by number is strongly consistent
   * (https://cloud.google.com/secret-manager/docs/reference/consistency), and pinning it means a
   * new value (a new version) changes the template, so Cloud Run rolls out a new revision.
   */
  readonly secret: { readonly secret: S; readonly version: S } | undefined;
  /** Network and subnetwork for Direct VPC egress, when private networking is on. */
  readonly vpc: { readonly network: S; readonly subnetwork: S } | undefined;
  /** The stack's Firestore database id (`FIRESTORE_DATABASE`); unset: the in-memory store. */
  readonly stateDatabase?: string;
}

interface Env<S> {
  name: string;
  value?: string | S;
  valueSource?: { secretKeyRef: { secret: S; version: S } };
}

/** The `template` input of the consumer's `gcp.cloudrunv2.Service`. */
export function serviceTemplate<S>(
  consumer: ConsumerConfig,
  project: string,
  labels: Record<string, string>,
  refs: TemplateRefs<S>,
) {
  const envs: Env<S>[] = [
    { name: "CONSUMER_NAME", value: consumer.name },
    { name: "LOG_LEVEL", value: CONTAINER.logLevel },
    { name: "AUTH_MODE", value: refs.authMode },
    { name: "OIDC_AUDIENCE", value: refs.audience },
    { name: "PUSH_SERVICE_ACCOUNT_EMAIL", value: refs.pushServiceAccount },
    { name: "GOOGLE_CLOUD_PROJECT", value: project },
    // The consumer's own plain variables; the config model refuses every name set here.
    ...Object.entries(consumer.env).map(([name, value]) => ({ name, value })),
  ];
  if (refs.stateDatabase !== undefined) {
    envs.push(
      { name: "STATE_STORE", value: "firestore" },
      { name: "FIRESTORE_DATABASE", value: refs.stateDatabase },
      // An in-progress claim expires once the delivery can no longer be running.
      { name: "CONSUMER_TIMEOUT_SECONDS", value: String(consumer.timeoutSeconds) },
    );
  }
  if (refs.secret !== undefined) {
    envs.push({
      name: CONTAINER.secretEnv,
      valueSource: { secretKeyRef: { secret: refs.secret.secret, version: refs.secret.version } },
    });
  }
  // The V8 heap of the sample image built here, for the instance's memory (see node-options.ts).
  // Last, so that adding or dropping it (a memory change) shifts no other entry in the diff.
  const nodeOptions =
    consumer.code.kind === "sample" && refs.imageBuiltFromApp
      ? sampleNodeOptions(consumer.memoryMb)
      : undefined;
  if (nodeOptions !== undefined) envs.push({ name: "NODE_OPTIONS", value: nodeOptions });
  const probe = { path: CONTAINER.healthPath, port: CONTAINER.port };
  return {
    serviceAccount: refs.serviceAccount,
    labels,
    timeout: `${consumer.timeoutSeconds}s`,
    maxInstanceRequestConcurrency: consumer.concurrency,
    scaling: { minInstanceCount: consumer.minInstances, maxInstanceCount: consumer.maxInstances },
    executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
    containers: [
      {
        image: refs.image,
        ports: { name: "http1", containerPort: CONTAINER.port },
        resources: {
          limits: { cpu: cpuForMemory(consumer.memoryMb), memory: `${consumer.memoryMb}Mi` },
          cpuIdle: true,
          startupCpuBoost: true,
        },
        envs,
        startupProbe: {
          httpGet: probe,
          periodSeconds: 2,
          timeoutSeconds: 2,
          failureThreshold: 30,
        },
        livenessProbe: {
          httpGet: probe,
          periodSeconds: 30,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
      },
    ],
    ...(refs.vpc === undefined
      ? {}
      : {
          vpcAccess: {
            // Only private ranges go through the VPC; Google APIs and the internet keep the
            // default path, so the VPC needs no NAT.
            egress: "PRIVATE_RANGES_ONLY",
            networkInterfaces: [{ network: refs.vpc.network, subnetwork: refs.vpc.subnetwork }],
          },
        }),
  };
}
