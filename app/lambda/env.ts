/** The Lambda's environment, read once per instance at init. */
import * as z from "zod";
import { commonEnvShape, parseEnv } from "../core/env";
import type { LogLevel } from "../core/logger";
import { refineStateEnv, stateConfig, type StateConfig } from "../core/state/env";

/** The typed Lambda configuration. */
export interface LambdaEnv {
  readonly consumerName: string;
  readonly logLevel: LogLevel;
  /** ARN of the Secrets Manager secret holding the backend API key, when the consumer has one. */
  readonly secretArn: string | undefined;
  /** How long the fetched API key is reused before Secrets Manager is read again, in seconds. */
  readonly secretMaxAgeSeconds: number;
  readonly backendUrl: URL | undefined;
  readonly functionName: string | undefined;
  /** Where the shared state lives (core/state/env.ts). */
  readonly state: StateConfig;
}

const schema = z
  .object({
    ...commonEnvShape,
    BACKEND_API_KEY_SECRET_ARN: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/,
        "must be a Secrets Manager secret ARN",
      )
      .optional(),
    BACKEND_API_KEY_MAX_AGE_SECONDS: z.coerce
      .number("must be a whole number of seconds")
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1")
      .max(86_400, "must be at most 86400 (one day)")
      .default(300),
    AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  })
  .superRefine(refineStateEnv);

/** Reads the Lambda's configuration; throws `EnvError` listing every problem. */
export function loadLambdaEnv(env: Readonly<Record<string, string | undefined>>): LambdaEnv {
  const e = parseEnv(schema, env);
  return {
    consumerName: e.CONSUMER_NAME,
    logLevel: e.LOG_LEVEL,
    secretArn: e.BACKEND_API_KEY_SECRET_ARN,
    secretMaxAgeSeconds: e.BACKEND_API_KEY_MAX_AGE_SECONDS,
    backendUrl: e.BACKEND_URL,
    functionName: e.AWS_LAMBDA_FUNCTION_NAME,
    state: stateConfig(e),
  };
}
