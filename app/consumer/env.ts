/**
 * The container's environment, read once at start-up. `AUTH_MODE` decides who authenticates the
 * Pub/Sub push: `iam` (Cloud Run did, the default there), `oidc` (this app verifies the token) or
 * `none` (local runs only; refused when `K_SERVICE` shows the process runs on Cloud Run).
 */
import * as z from "zod";
import { commonEnvShape, parseEnv } from "../core/env";
import type { LogLevel } from "../core/logger";
import { Secret } from "../core/secrets";
import { refineStateEnv, stateConfig, type StateConfig } from "../core/state/env";
import { GOOGLE_JWKS_URL } from "./auth";

export const AUTH_MODES = ["iam", "oidc", "none"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The typed container configuration. */
export interface ConsumerEnv {
  readonly port: number;
  readonly authMode: AuthMode;
  readonly consumerName: string;
  readonly logLevel: LogLevel;
  /** Present in `oidc` mode. */
  readonly oidc:
    | {
        readonly audience: string;
        readonly serviceAccountEmail: string;
        /** `OIDC_JWKS_URL`: where the token signing keys are published. Default Google's. */
        readonly jwksUrl: URL;
      }
    | undefined;
  readonly backendApiKey: Secret | undefined;
  readonly backendUrl: URL | undefined;
  /** For the Cloud Logging trace field. */
  readonly project: string | undefined;
  /** Cloud Run service and revision (`K_SERVICE`, `K_REVISION`), when on Cloud Run. */
  readonly service: string | undefined;
  readonly revision: string | undefined;
  /** Where the shared state lives (core/state/env.ts). */
  readonly state: StateConfig;
}

const schema = z
  .object({
    ...commonEnvShape,
    PORT: z.coerce.number("must be a port number").int().min(0).max(65535).default(8080),
    AUTH_MODE: z.enum(AUTH_MODES, { error: `must be one of ${AUTH_MODES.join(", ")}` }).optional(),
    OIDC_AUDIENCE: z.string().optional(),
    PUSH_SERVICE_ACCOUNT_EMAIL: z.email("must be a service account email").optional(),
    OIDC_JWKS_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .transform((u) => new URL(u))
      .optional(),
    BACKEND_API_KEY: z.string().optional(),
    GOOGLE_CLOUD_PROJECT: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project id")
      .optional(),
    K_SERVICE: z.string().optional(),
    K_REVISION: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    refineStateEnv(env, ctx);
    if (env.AUTH_MODE === undefined && env.K_SERVICE === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_MODE"],
        message:
          "must be set outside Cloud Run (K_SERVICE is absent): use none for a local run, or oidc to verify push tokens",
      });
    }
    if (env.AUTH_MODE === "none" && env.K_SERVICE !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_MODE"],
        message: `must not be none on Cloud Run (K_SERVICE=${env.K_SERVICE}): none is for local runs; use iam or oidc`,
      });
    }
    if (env.AUTH_MODE === "oidc") {
      for (const name of ["OIDC_AUDIENCE", "PUSH_SERVICE_ACCOUNT_EMAIL"] as const) {
        if (env[name] === undefined)
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "is required when AUTH_MODE is oidc",
          });
      }
    }
  });

/** Reads the container's configuration; throws `EnvError` listing every problem. */
export function loadConsumerEnv(env: Readonly<Record<string, string | undefined>>): ConsumerEnv {
  const e = parseEnv(schema, env, ["BACKEND_API_KEY"]);
  const authMode = e.AUTH_MODE ?? "iam";
  return {
    port: e.PORT,
    authMode,
    consumerName: e.CONSUMER_NAME,
    logLevel: e.LOG_LEVEL,
    oidc:
      authMode === "oidc" &&
      e.OIDC_AUDIENCE !== undefined &&
      e.PUSH_SERVICE_ACCOUNT_EMAIL !== undefined
        ? {
            audience: e.OIDC_AUDIENCE,
            serviceAccountEmail: e.PUSH_SERVICE_ACCOUNT_EMAIL,
            jwksUrl: e.OIDC_JWKS_URL ?? GOOGLE_JWKS_URL,
          }
        : undefined,
    backendApiKey: e.BACKEND_API_KEY === undefined ? undefined : new Secret(e.BACKEND_API_KEY),
    backendUrl: e.BACKEND_URL,
    project: e.GOOGLE_CLOUD_PROJECT,
    service: e.K_SERVICE,
    revision: e.K_REVISION,
    state: stateConfig(e),
  };
}
