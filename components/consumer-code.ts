/**
 * A consumer's own code and plain environment, as the config model reads them: the schemas of
 * `eventstack:consumers[i].code` and `.env`, the names the platform keeps for itself, and the
 * per-cloud checks that need `eventstack:cloud`.
 */
import { z } from "zod";
import type { ConfigProblem } from "./config-errors";

/**
 * A prebuilt image pinned by digest (`<registry>/<path>@sha256:<64 hex>`). Cloud Run resolves a
 * tag to a digest when it creates a revision (https://cloud.google.com/run/docs/deploying#service)
 * and Lambda does the same on CreateFunction/UpdateFunctionCode
 * (https://docs.aws.amazon.com/lambda/latest/dg/images-create.html), so a tag pushed again never
 * rolls out: only a digest makes a new image a new deployment.
 */
export const PINNED_IMAGE = /^[a-z0-9][a-z0-9.-]*(:\d+)?\/[^@\s]+@sha256:[0-9a-f]{64}$/;

/**
 * An image in a private ECR repository: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>`. Lambda
 * runs container images from ECR only ("Lambda supports images in Amazon ECR",
 * https://docs.aws.amazon.com/lambda/latest/dg/images-create.html).
 */
export const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z]{2}(-gov)?-[a-z]+-\d)\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$/;

/** A project-relative path: no absolute paths, no `..`, no backslashes. */
const relativePath = z
  .string()
  .regex(
    /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]+$/,
    "a path relative to the project directory (letters, digits, . _ - /; no leading / and no ..)",
  );

/** `file.export` as Lambda's Node.js runtime resolves a handler. */
const handlerName = z
  .string()
  .regex(
    /^[A-Za-z0-9_./-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/,
    "<file>.<export>, e.g. index.handler (a file of the directory and the function it exports)",
  );

/**
 * `eventstack:consumers[i].code`: which code the consumer runs. Exactly one form; unset runs the
 * sample consumer.
 * - `image`: a prebuilt image pinned by digest (gcp: any registry; aws: ECR).
 * - `context` + `dockerfile`: an image the stack builds and pushes to its repository (gcp).
 * - `directory` + `handler`: a directory holding a built handler, deployed as a zip (aws).
 */
export const codeSchema = z.strictObject({
  image: z.string().min(1).optional(),
  context: relativePath.optional(),
  dockerfile: relativePath.optional(),
  directory: relativePath.optional(),
  handler: handlerName.optional(),
});

/**
 * Names of plain environment variables: Lambda's pattern `[a-zA-Z]([a-zA-Z0-9_])+` (Lambda API
 * reference, `Environment.Variables`), which Cloud Run accepts too.
 */
const envName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{1,127}$/,
    "2-128 characters: letters, digits and underscores, starting with a letter",
  );

/**
 * `eventstack:consumers[i].env`: plain variables, at most 50 (Lambda's 4 KB of variables leaves
 * room for the platform's). Values are plain text: a value that must stay secret goes through
 * `eventstack:secrets` and the consumer's `secret`.
 */
export const envSchema = z
  .record(envName, z.string().max(1024))
  .refine((env) => Object.keys(env).length <= 50, { message: "at most 50 variables" });

export type RawCode = z.infer<typeof codeSchema>;

/** The code a consumer runs, once its form is known. */
export type ConsumerCode =
  | { readonly kind: "sample" }
  | { readonly kind: "image"; readonly image: string }
  | { readonly kind: "build"; readonly context: string; readonly dockerfile: string }
  | { readonly kind: "bundle"; readonly directory: string; readonly handler: string };

/**
 * The shared store's contract with the consumers (app/core's store adapters): which store, its
 * table or database, record lifetime, the claim expiry, and the test-only endpoint overrides,
 * which a deployed consumer must never point elsewhere.
 */
export const STORE_ENV = [
  "STATE_STORE",
  "STATE_TABLE",
  "FIRESTORE_DATABASE",
  "STATE_TTL_SECONDS",
  "CONSUMER_TIMEOUT_SECONDS",
  "STATE_ENDPOINT",
  "FIRESTORE_EMULATOR_HOST",
] as const;

/**
 * Variables the platform sets itself (both clouds, so switching clouds never breaks a stack): the
 * consumers' contract (components/gcp/service-spec.ts, components/aws/consumer.ts), the shared
 * store's names, and the runtimes' own.
 */
export const PLATFORM_ENV = [
  "CONSUMER_NAME",
  "LOG_LEVEL",
  "AUTH_MODE",
  "OIDC_AUDIENCE",
  "PUSH_SERVICE_ACCOUNT_EMAIL",
  "GOOGLE_CLOUD_PROJECT",
  "BACKEND_API_KEY",
  "BACKEND_API_KEY_SECRET_ARN",
  "NODE_OPTIONS",
  ...STORE_ENV,
] as const;

/**
 * Cloud Run's container runtime contract reserves `PORT` and the `K_*` variables it sets
 * (https://cloud.google.com/run/docs/container-contract#env-vars); Lambda reserves these
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
export const RUNTIME_ENV = [
  "PORT",
  "K_SERVICE",
  "K_REVISION",
  "K_CONFIGURATION",
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
  "TZ",
] as const;

/** Problems of one consumer's `code`, and its form when there are none. */
export function resolveCode(
  cloud: "gcp" | "aws",
  raw: RawCode | undefined,
  at: string,
  problems: ConfigProblem[],
): ConsumerCode {
  if (raw === undefined) return { kind: "sample" };
  const fields = Object.keys(raw).filter((k) => raw[k as keyof RawCode] !== undefined);
  const forms =
    cloud === "gcp"
      ? 'either { image: "<registry>/<path>@sha256:<digest>" } or { context, dockerfile } on gcp'
      : 'either { directory, handler } or { image: "<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>" } on aws';
  const fail = (message: string): ConsumerCode => {
    problems.push({ key: at, message: `${at} ${message}` });
    return { kind: "sample" };
  };
  const only = (...allowed: string[]) =>
    fields.length === allowed.length && allowed.every((f) => fields.includes(f));
  if (raw.image !== undefined && only("image")) {
    const pattern = cloud === "gcp" ? PINNED_IMAGE : ECR_IMAGE;
    if (!pattern.test(raw.image)) {
      const allowed =
        cloud === "gcp"
          ? "an image pinned by digest (<registry>/<path>@sha256:<64 hex>)"
          : "an ECR image pinned by digest (<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<64 hex>; Lambda runs images from ECR only)";
      problems.push({
        key: `${at}.image`,
        message: `${at}.image must be ${allowed}, got ${JSON.stringify(raw.image)}`,
      });
      return { kind: "sample" };
    }
    return { kind: "image", image: raw.image };
  }
  if (cloud === "gcp" && raw.context !== undefined && raw.dockerfile !== undefined) {
    if (only("context", "dockerfile")) {
      return { kind: "build", context: raw.context, dockerfile: raw.dockerfile };
    }
  }
  if (cloud === "aws" && raw.directory !== undefined && raw.handler !== undefined) {
    if (only("directory", "handler")) {
      return { kind: "bundle", directory: raw.directory, handler: raw.handler };
    }
  }
  return fail(
    `must be ${forms}, got ${fields.length === 0 ? "no field" : `the field(s) ${fields.join(", ")}`}`,
  );
}

/** Problems of one consumer's `env`: names the platform or the runtimes set themselves. */
export function envProblems(
  env: Readonly<Record<string, string>> | undefined,
  at: string,
): ConfigProblem[] {
  const reserved = new Set<string>([...PLATFORM_ENV, ...RUNTIME_ENV]);
  return Object.keys(env ?? {})
    .filter((name) => reserved.has(name))
    .map((name) => ({
      key: `${at}.${name}`,
      message: `${at}.${name} is set by the platform or the runtime and cannot be overridden (reserved: ${[...reserved].join(", ")})`,
    }));
}
