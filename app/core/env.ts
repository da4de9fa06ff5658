/**
 * Environment reading shared by both runtimes: parse once at start-up, collect every problem,
 * and fail with one error that names each variable, its value and what is allowed.
 */
import * as z from "zod";
import { LOG_LEVELS } from "./logger";
import { stateEnvShape } from "./state/env";

/** Thrown when the environment is unusable; the message lists every problem. */
export class EnvError extends Error {
  override readonly name = "EnvError";
}

/**
 * Variables both runtimes read. The shared state store's variables (STATE_STORE, STATE_TABLE,
 * FIRESTORE_DATABASE, STATE_TTL_SECONDS, CONSUMER_TIMEOUT_SECONDS, …) are described in
 * state/env.ts; runtimes add `refineStateEnv` to their schema for the rules between them.
 */
export const commonEnvShape = {
  ...stateEnvShape,
  CONSUMER_NAME: z
    .string()
    .regex(
      /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/,
      "must be 1-20 lower-case letters, digits or hyphens",
    )
    .default("local"),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  BACKEND_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((u) => new URL(u))
    .optional(),
};

/**
 * Parses `env` with `schema`; empty strings count as unset (a blank `--set-env-vars` entry).
 * Secret-bearing variables listed in `secretNames` are never echoed in messages.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Readonly<Record<string, string | undefined>>,
  secretNames: readonly string[] = [],
): z.output<T> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.map(String).join(".") || "environment";
    const value = cleaned[name];
    const got =
      value === undefined
        ? "it is not set"
        : secretNames.includes(name)
          ? "got a value that is not shown"
          : `got ${JSON.stringify(value)}`;
    return `${name} ${issue.message} (${got})`;
  });
  throw new EnvError(`invalid environment: ${problems.join("; ")}`);
}
