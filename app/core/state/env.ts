/**
 * Where a consumer's state lives, from its environment (set by the stack for each consumer):
 *
 *   STATE_STORE               memory (default; one instance only) | dynamodb | firestore
 *   STATE_TABLE               DynamoDB table name            (required with dynamodb)
 *   STATE_ENDPOINT            DynamoDB endpoint override     (local servers and tests only)
 *   FIRESTORE_DATABASE        Firestore database id          (required with firestore)
 *   GOOGLE_CLOUD_PROJECT      the database's project         (required with firestore)
 *   STATE_TTL_SECONDS         how long a completed idempotency record is kept (default 86400)
 *   CONSUMER_TIMEOUT_SECONDS  the consumer's own timeout (Cloud Run request timeout, Lambda
 *                             function timeout; default 60): an in-progress claim holds this long
 *                             plus CLAIM_MARGIN_MS, since no delivery can still run after it.
 *
 * Every key is namespaced by CONSUMER_NAME, so consumers of a stack share its table/database.
 */
import * as z from "zod";
import type { DynamoStateStore } from "./dynamodb";
import type { FirestoreStateStore } from "./firestore";
import { CLAIM_MARGIN_MS, type StateStore, type StoreTiming } from "./store";

export const STATE_STORES = ["memory", "dynamodb", "firestore"] as const;
export type StateStoreKind = (typeof STATE_STORES)[number];

/** The variables, for a runtime's environment schema. */
export const stateEnvShape = {
  STATE_STORE: z
    .enum(STATE_STORES, { error: `must be one of ${STATE_STORES.join(", ")}` })
    .default("memory"),
  STATE_TABLE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, "must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)")
    .optional(),
  STATE_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((u) => new URL(u))
    .optional(),
  FIRESTORE_DATABASE: z
    .string()
    .regex(
      /^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/,
      "must be a Firestore database id (4-63 lower-case letters, digits or hyphens, or (default))",
    )
    .optional(),
  STATE_TTL_SECONDS: z.coerce
    .number("must be a whole number of seconds")
    .int("must be a whole number of seconds")
    .min(60, "must be at least 60")
    .max(2_592_000, "must be at most 2592000 (30 days)")
    .default(86_400),
  CONSUMER_TIMEOUT_SECONDS: z.coerce
    .number("must be a whole number of seconds")
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1")
    .max(3600, "must be at most 3600")
    .default(60),
};

type StateEnv = z.output<z.ZodObject<typeof stateEnvShape>> & {
  readonly GOOGLE_CLOUD_PROJECT?: string | undefined;
};

/** The parsed state configuration. */
export type StateConfig = { readonly timing: StoreTiming } & (
  | { readonly kind: "memory" }
  | { readonly kind: "dynamodb"; readonly table: string; readonly endpoint: URL | undefined }
  | { readonly kind: "firestore"; readonly projectId: string; readonly databaseId: string }
);

/** Cross-field rules, for the runtime schema's `superRefine`. */
export function refineStateEnv(env: StateEnv, ctx: z.RefinementCtx): void {
  const need = (name: string, when: StateStoreKind): void =>
    ctx.addIssue({
      code: "custom",
      path: [name],
      message: `is required when STATE_STORE is ${when}`,
    });
  if (env.STATE_STORE === "dynamodb" && env.STATE_TABLE === undefined)
    need("STATE_TABLE", "dynamodb");
  if (env.STATE_STORE === "firestore") {
    if (env.FIRESTORE_DATABASE === undefined) need("FIRESTORE_DATABASE", "firestore");
    if (env.GOOGLE_CLOUD_PROJECT === undefined) need("GOOGLE_CLOUD_PROJECT", "firestore");
  }
}

/** The configuration from an environment that passed `stateEnvShape` and `refineStateEnv`. */
export function stateConfig(env: StateEnv): StateConfig {
  const timing = {
    doneTtlMs: env.STATE_TTL_SECONDS * 1000,
    claimTtlMs: env.CONSUMER_TIMEOUT_SECONDS * 1000 + CLAIM_MARGIN_MS,
  };
  if (env.STATE_STORE === "dynamodb" && env.STATE_TABLE !== undefined) {
    return { kind: "dynamodb", table: env.STATE_TABLE, endpoint: env.STATE_ENDPOINT, timing };
  }
  if (
    env.STATE_STORE === "firestore" &&
    env.FIRESTORE_DATABASE !== undefined &&
    env.GOOGLE_CLOUD_PROJECT !== undefined
  ) {
    return {
      kind: "firestore",
      projectId: env.GOOGLE_CLOUD_PROJECT,
      databaseId: env.FIRESTORE_DATABASE,
      timing,
    };
  }
  return { kind: "memory", timing };
}

/** The adapters a runtime ships: each loaded only when configured (the Lambda has no Firestore). */
export interface StateAdapters {
  readonly dynamodb?: () => Promise<{ readonly DynamoStateStore: typeof DynamoStateStore }>;
  readonly firestore?: () => Promise<{ readonly FirestoreStateStore: typeof FirestoreStateStore }>;
}

/** Opens the configured store for consumer `namespace`. */
export async function openStateStore(
  config: StateConfig,
  namespace: string,
  adapters: StateAdapters,
): Promise<StateStore> {
  switch (config.kind) {
    case "memory": {
      const { MemoryStateStore } = await import("./memory");
      return new MemoryStateStore(config.timing);
    }
    case "dynamodb": {
      if (adapters.dynamodb === undefined)
        throw new Error("STATE_STORE dynamodb is not available in this runtime");
      const { DynamoStateStore } = await adapters.dynamodb();
      return new DynamoStateStore({
        ...config.timing,
        table: config.table,
        namespace,
        ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      });
    }
    case "firestore": {
      if (adapters.firestore === undefined)
        throw new Error("STATE_STORE firestore is not available in this runtime");
      const { FirestoreStateStore } = await adapters.firestore();
      return new FirestoreStateStore({
        ...config.timing,
        projectId: config.projectId,
        databaseId: config.databaseId,
        namespace,
      });
    }
  }
}
