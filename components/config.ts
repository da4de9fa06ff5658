/**
 * The eventstack config model: every `eventstack:*` key, its schema and its default, in one place.
 *
 * `parseConfig` is pure (raw strings in, typed object out) so it can be tested without Pulumi;
 * `loadConfig` in `./load-config.ts` feeds it from the Pulumi runtime.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigError, describeIssue, type ConfigProblem } from "./config-errors";
import {
  codeSchema,
  envProblems,
  envSchema,
  resolveCode,
  type ConsumerCode,
} from "./consumer-code";

export const NAMESPACE = "eventstack";

export const CLOUDS = ["gcp", "aws"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** `eventstack:image` value (also `Pulumi.yaml`'s default) meaning "build the image from `app/`". */
export const IMAGE_BUILD = "build";

/** How a Cloud Run consumer authenticates Pub/Sub push (gcp): `oidc` verifies the token in the app too. */
export const GCP_AUTH_MODES = ["oidc", "iam"] as const;
export type GcpAuthMode = (typeof GCP_AUTH_MODES)[number];

/** GCP-only settings shared by every environment (`Pulumi.yaml` declares the same defaults). */
export const GCP_DEFAULTS = {
  /**
   * Direct VPC egress subnet (gcp, privateNetworking). Fixed by config, never derived from the
   * consumers, so removing a consumer never shrinks (and replaces) a subnet Cloud Run holds.
   */
  vpcEgressRange: "10.8.0.0/20",
  /**
   * Share of VPC flow log records kept, in percent. Google's own default is 50 (Compute Engine API,
   * `SubnetworkLogConfig.flowSampling`: "Default is 0.5"; `flowSampling` in @pulumi/gcp types).
   */
  flowLogSamplingPercent: 10,
  authMode: "oidc",
} as const satisfies { authMode: GcpAuthMode; [key: string]: unknown };

/** Label keys the platform sets itself; user labels may not override them. */
export const RESERVED_LABELS = ["environment", "stack", "consumer", "managed-by"] as const;

/**
 * AWS allows 50 tags per resource (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html)
 * and a resource may carry every reserved label, so users get what is left.
 */
export const MAX_USER_LABELS = 50 - RESERVED_LABELS.length;

/** Environment-dependent defaults: the single source of truth for every default in the model. */
export const DEFAULTS = {
  dev: {
    minInstances: 0,
    maxInstances: 100,
    concurrency: 80,
    memoryMb: 512,
    timeoutSeconds: 60,
    maxDeliveryAttempts: 5,
    maxEventAgeSeconds: 3600,
    customerManagedKeys: false,
    privateNetworking: false,
    eventRetentionDays: 7,
    logRetentionDays: 14,
    secretRecoveryWindowDays: 0,
  },
  prod: {
    minInstances: 0,
    maxInstances: 100,
    concurrency: 80,
    memoryMb: 1024,
    timeoutSeconds: 300,
    maxDeliveryAttempts: 10,
    maxEventAgeSeconds: 21600,
    customerManagedKeys: true,
    privateNetworking: false,
    eventRetentionDays: 31,
    logRetentionDays: 90,
    secretRecoveryWindowDays: 7,
  },
} as const satisfies Record<Environment, Record<string, number | boolean>>;

/** Alerting defaults (same in every environment: an alert is an alert). */
export const ALERT_DEFAULTS = {
  errorRatePercent: 5,
  windowMinutes: 5,
  maxProcessingDelaySeconds: 60,
} as const;

/** Hard limits that follow from the clouds' quotas. */
export const LIMITS = {
  maxConsumers: 25,
  /**
   * AWS's standard Lambda concurrent-executions quota per account and region (new accounts may
   * start lower): https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
   */
  defaultLambdaConcurrencyLimit: 1000,
  /** Pub/Sub push ack deadline and Cloud Run request timeout share this ceiling. */
  gcpMaxTimeoutSeconds: 600,
  /** Lambda's maximum timeout. */
  awsMaxTimeoutSeconds: 900,
  gcpMinMemoryMb: 512,
  gcpMaxMemoryMb: 32768,
  awsMinMemoryMb: 128,
  awsMaxMemoryMb: 10240,
} as const;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Names the platform gives its own resources after the `<component>-<stack>-` prefix, on either
 * cloud (components/aws/names.ts, components/gcp/naming.ts). A consumer named like one of them
 * would collide with it: a consumer `bus` gets the dead-letter queue `…-bus-dlq` and the alarms
 * `…-bus-*` of the bus itself. Refused on both clouds, so switching clouds never breaks a stack.
 */
export const RESERVED_CONSUMER_NAMES = [
  "bus",
  "archive",
  "alerts",
  "data",
  "events",
  "images",
  "vpc",
  "run-egress",
] as const;

const consumerName = z
  .string()
  .regex(
    /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/,
    "1-20 characters: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen",
  )
  .refine((name) => !(RESERVED_CONSUMER_NAMES as readonly string[]).includes(name), {
    message: `a name the platform does not use for itself (reserved: ${RESERVED_CONSUMER_NAMES.join(", ")})`,
  });

/** A CloudEvents `type`: reverse-DNS, dot-separated, e.g. `com.example.order.placed.v1`. */
const eventType = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9_-]*)+$/,
    "a reverse-DNS CloudEvents type such as com.example.order.placed.v1",
  );

const secretName = z
  .string()
  .regex(
    /^[a-zA-Z][a-zA-Z0-9_-]{0,62}$/,
    "1-63 characters: letters, digits, underscores and hyphens, starting with a letter",
  );

const consumerSchema = z.strictObject({
  /** Consumer name; used in every child resource name. */
  name: consumerName,
  /** CloudEvents types this consumer receives. */
  eventTypes: z.array(eventType).min(1).max(20),
  /** Minimum Cloud Run instances (gcp). Default 0. */
  minInstances: int(0, 1000).optional(),
  /** Maximum Cloud Run instances (gcp). Default 100. */
  maxInstances: int(1, 1000).optional(),
  /** Concurrent requests per Cloud Run instance (gcp). Default 80. */
  concurrency: int(1, 1000).optional(),
  /** Memory in MB. Default 512 (dev) / 1024 (prod). */
  memoryMb: int(LIMITS.awsMinMemoryMb, LIMITS.gcpMaxMemoryMb).optional(),
  /** Processing timeout in seconds. Default 60 (dev) / 300 (prod). */
  timeoutSeconds: int(1, LIMITS.awsMaxTimeoutSeconds).optional(),
  /**
   * Lambda reserved concurrency (aws). Default: none, the function shares the account's unreserved
   * pool, which a fresh account with a lowered quota accepts (Lambda keeps 100 unreserved).
   */
  reservedConcurrency: int(1, 1000).optional(),
  /** Delivery attempts before an event is dead-lettered. Default 5 (dev) / 10 (prod). */
  maxDeliveryAttempts: int(5, 100).optional(),
  /** How long an undelivered event is retried, in seconds. Default 3600 (dev) / 21600 (prod). */
  maxEventAgeSeconds: int(60, 21600).optional(),
  /** Name of the secret (from `eventstack:secrets`) this consumer may read. */
  secret: secretName.optional(),
  /** The consumer's own code (see components/consumer-code.ts). Default: the sample consumer. */
  code: codeSchema.optional(),
  /** Plain environment variables (never secrets: those go through `secret`). Default: none. */
  env: envSchema.optional(),
});

const labelKey = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, "a lowercase label key (letters, digits, _ and -, ≤ 63)");
const labelValue = z
  .string()
  .regex(/^[a-z0-9_-]{0,63}$/, "a lowercase label value (letters, digits, _ and -, ≤ 63)");

/** The `eventstack:*` keys, as they appear in `Pulumi.<stack>.yaml` (without the namespace). */
export const configSchema = z.strictObject({
  cloud: z.enum(CLOUDS),
  environment: z.enum(ENVIRONMENTS),
  consumers: z.array(consumerSchema).min(1).max(LIMITS.maxConsumers),
  alertEmail: z.email(),
  alertErrorRatePercent: int(1, 100).optional(),
  alertWindowMinutes: int(1, 60).optional(),
  alertMaxProcessingDelaySeconds: int(1, 86400).optional(),
  customerManagedKeys: z.boolean().optional(),
  privateNetworking: z.boolean().optional(),
  secrets: z.array(secretName).max(50).optional(),
  secretValues: z.record(secretName, z.string().min(1)).optional(),
  labels: z
    .record(labelKey, labelValue)
    .refine((labels) => Object.keys(labels).length <= MAX_USER_LABELS, {
      message: `at most ${MAX_USER_LABELS} labels (50 tags per AWS resource, ${RESERVED_LABELS.length} set by the platform)`,
    })
    .optional(),
  image: z.string().min(1).optional(),
  eventRetentionDays: int(1, 31).optional(),
  lambdaConcurrencyLimit: int(1, 10_000_000).optional(),
  vpcEgressRange: z
    .string()
    .regex(
      /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/,
      "an IPv4 CIDR range such as 10.8.0.0/22",
    )
    .optional(),
  flowLogSamplingPercent: int(1, 100).optional(),
  authMode: z.enum(GCP_AUTH_MODES).optional(),
  operatorPrincipalArn: z
    .string()
    .regex(
      /^arn:aws[\w-]*:iam::\d{12}:(root|(role|user)\/[\w+=,.@/-]+)$/,
      "an IAM role, user or account-root ARN such as arn:aws:iam::123456789012:role/oncall (no wildcards)",
    )
    .optional(),
  operatorMember: z
    .string()
    .regex(
      /^(user|group|serviceAccount):[^\s@]+@[^\s@]+\.[^\s@]+$/,
      "an IAM member such as group:oncall@example.com, user:<email> or serviceAccount:<email>",
    )
    .optional(),
  logRetentionDays: z
    .number()
    .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
      message: `one of ${LOG_RETENTION_DAYS.join(", ")}`,
    })
    .optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

/** How each key's string value is decoded before validation. */
const KEY_KINDS: Record<keyof RawConfig, "string" | "json"> = {
  cloud: "string",
  environment: "string",
  consumers: "json",
  alertEmail: "string",
  alertErrorRatePercent: "json",
  alertWindowMinutes: "json",
  alertMaxProcessingDelaySeconds: "json",
  customerManagedKeys: "json",
  privateNetworking: "json",
  secrets: "json",
  secretValues: "json",
  labels: "json",
  image: "string",
  eventRetentionDays: "json",
  lambdaConcurrencyLimit: "json",
  vpcEgressRange: "string",
  flowLogSamplingPercent: "json",
  authMode: "string",
  operatorPrincipalArn: "string",
  operatorMember: "string",
  logRetentionDays: "json",
};

export const CONFIG_KEYS = Object.keys(KEY_KINDS) as (keyof RawConfig)[];

/**
 * Keys whose values are objects or lists of objects. Pulumi's project schema has no object type,
 * so `Pulumi.yaml` documents these in a comment instead of declaring them.
 */
export const STRUCTURED_KEYS: readonly (keyof RawConfig)[] = [
  "consumers",
  "labels",
  "secretValues",
];

/** One consumer with every default applied. */
export interface ConsumerConfig {
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly concurrency: number;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Undefined: no reservation, the function uses the account's unreserved concurrency. */
  readonly reservedConcurrency: number | undefined;
  readonly maxDeliveryAttempts: number;
  readonly maxEventAgeSeconds: number;
  readonly secret: string | undefined;
  /** The code it runs; `{ kind: "sample" }` when the consumer names none. */
  readonly code: ConsumerCode;
  /** Its plain environment variables (reserved names refused). */
  readonly env: Readonly<Record<string, string>>;
}

export interface AlertingConfig {
  readonly email: string;
  readonly errorRatePercent: number;
  readonly windowMinutes: number;
  readonly maxProcessingDelaySeconds: number;
}

export interface SecretConfig {
  readonly name: string;
  /** The value from `eventstack:secretValues`, wrapped as a Pulumi secret, if given. */
  readonly value: pulumi.Output<string> | undefined;
}

export type Location =
  | { readonly cloud: "gcp"; readonly project: string; readonly region: string }
  | { readonly cloud: "aws"; readonly region: string };

/** The validated, fully defaulted platform configuration. */
export interface PlatformConfig {
  readonly cloud: Cloud;
  readonly environment: Environment;
  readonly stack: string;
  readonly location: Location;
  readonly consumers: readonly ConsumerConfig[];
  readonly alerting: AlertingConfig;
  readonly customerManagedKeys: boolean;
  readonly privateNetworking: boolean;
  readonly secrets: readonly SecretConfig[];
  /** User labels merged with the platform's own (environment, stack, managed-by). */
  readonly labels: Readonly<Record<string, string>>;
  /** Prebuilt consumer image (gcp); undefined (key unset or {@link IMAGE_BUILD}) builds `app/`. */
  readonly image: string | undefined;
  readonly eventRetentionDays: number;
  readonly logRetentionDays: number;
  /**
   * Days a deleted Secrets Manager secret can be restored, during which its name stays taken
   * (aws): 0 deletes at once so a destroyed dev stack redeploys; 7 in prod.
   */
  readonly secretRecoveryWindowDays: number;
  /**
   * The account's Lambda concurrent-executions quota (aws), which the stack's reserved
   * concurrency must leave 100 of; `check` verifies the plan against it.
   */
  readonly lambdaConcurrencyLimit: number;
  /** GCP-only settings, defaults from {@link GCP_DEFAULTS}. */
  readonly gcp: {
    /** Direct VPC egress subnet range (privateNetworking). */
    readonly vpcEgressRange: string;
    /** VPC flow log sampling, percent of records kept. */
    readonly flowLogSamplingPercent: number;
    /** `AUTH_MODE` of the Cloud Run consumers. */
    readonly authMode: GcpAuthMode;
    /** Who may act as the dead-letter operator service account; none: grant it yourself. */
    readonly operatorMember: string | undefined;
  };
  /** Who may assume the AWS dead-letter operator role; undefined: the deploying account. */
  readonly operatorPrincipalArn: string | undefined;
}

export interface ParseContext {
  /** Stack name, e.g. `dev`. */
  readonly stack: string;
  /** Full keys whose values are secrets (`secure:` in the stack file). Default: none. */
  readonly secretKeys?: readonly string[];
}

const GCP_REGION = /^[a-z]+-[a-z]+\d+$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * Parses the raw config map (`"eventstack:cloud" -> "gcp"`, as the Pulumi runtime holds it).
 * Throws {@link ConfigError} listing every problem; never returns a partially valid config.
 */
export function parseConfig(
  raw: Readonly<Record<string, string>>,
  ctx: ParseContext,
): PlatformConfig {
  const problems: ConfigProblem[] = [];
  const decoded: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(raw)) {
    const [ns, key] = splitKey(fullKey);
    if (ns !== NAMESPACE || key === undefined) continue;
    const kind = (KEY_KINDS as Record<string, "string" | "json" | undefined>)[key];
    if (kind === undefined) {
      problems.push({
        key: fullKey,
        message: `${fullKey} is not a known key; allowed keys: ${CONFIG_KEYS.map((k) => `${NAMESPACE}:${k}`).join(", ")}`,
      });
      continue;
    }
    decoded[key] = kind === "json" ? decodeJson(text) : text;
  }

  const parsed = configSchema.safeParse(decoded, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(describeIssue(NAMESPACE, issue, decoded));
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const cfg = parsed.data;
  const location = parseLocation(cfg.cloud, raw, problems);
  checkCrossFields(cfg, problems);
  const codes = cfg.consumers.map((c, i) =>
    resolveCode(cfg.cloud, c.code, `${NAMESPACE}:consumers[${i}].code`, problems),
  );
  checkConsumerEnv(cfg, ctx.secretKeys ?? [], problems);
  if (problems.length > 0 || location === undefined) throw new ConfigError(problems);

  const d = DEFAULTS[cfg.environment];
  const secretValues = cfg.secretValues ?? {};
  return {
    cloud: cfg.cloud,
    environment: cfg.environment,
    stack: ctx.stack,
    location,
    consumers: cfg.consumers.map((c, i) => ({
      name: c.name,
      eventTypes: c.eventTypes,
      minInstances: c.minInstances ?? d.minInstances,
      maxInstances: c.maxInstances ?? d.maxInstances,
      concurrency: c.concurrency ?? d.concurrency,
      memoryMb: c.memoryMb ?? d.memoryMb,
      timeoutSeconds: c.timeoutSeconds ?? d.timeoutSeconds,
      reservedConcurrency: c.reservedConcurrency,
      maxDeliveryAttempts: c.maxDeliveryAttempts ?? d.maxDeliveryAttempts,
      maxEventAgeSeconds: c.maxEventAgeSeconds ?? d.maxEventAgeSeconds,
      secret: c.secret,
      code: codes[i] ?? { kind: "sample" },
      env: c.env ?? {},
    })),
    alerting: {
      email: cfg.alertEmail,
      errorRatePercent: cfg.alertErrorRatePercent ?? ALERT_DEFAULTS.errorRatePercent,
      windowMinutes: cfg.alertWindowMinutes ?? ALERT_DEFAULTS.windowMinutes,
      maxProcessingDelaySeconds:
        cfg.alertMaxProcessingDelaySeconds ?? ALERT_DEFAULTS.maxProcessingDelaySeconds,
    },
    customerManagedKeys: cfg.customerManagedKeys ?? d.customerManagedKeys,
    privateNetworking: cfg.privateNetworking ?? d.privateNetworking,
    secrets: (cfg.secrets ?? []).map((name) => ({
      name,
      value: wrapSecret(secretValues[name]),
    })),
    labels: {
      ...cfg.labels,
      environment: cfg.environment,
      stack: sanitizeLabel(ctx.stack),
      "managed-by": "eventstack",
    },
    image: cfg.image === IMAGE_BUILD ? undefined : cfg.image,
    eventRetentionDays: cfg.eventRetentionDays ?? d.eventRetentionDays,
    logRetentionDays: cfg.logRetentionDays ?? d.logRetentionDays,
    secretRecoveryWindowDays: d.secretRecoveryWindowDays,
    lambdaConcurrencyLimit: cfg.lambdaConcurrencyLimit ?? LIMITS.defaultLambdaConcurrencyLimit,
    gcp: {
      vpcEgressRange: cfg.vpcEgressRange ?? GCP_DEFAULTS.vpcEgressRange,
      flowLogSamplingPercent: cfg.flowLogSamplingPercent ?? GCP_DEFAULTS.flowLogSamplingPercent,
      authMode: cfg.authMode ?? GCP_DEFAULTS.authMode,
      operatorMember: cfg.operatorMember,
    },
    operatorPrincipalArn: cfg.operatorPrincipalArn,
  };
}

function splitKey(fullKey: string): [string, string | undefined] {
  const i = fullKey.indexOf(":");
  return i < 0 ? [fullKey, undefined] : [fullKey.slice(0, i), fullKey.slice(i + 1)];
}

/** Structured config arrives as JSON text; a value that is not JSON is kept as the raw string. */
function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parseLocation(
  cloud: Cloud,
  raw: Readonly<Record<string, string>>,
  problems: ConfigProblem[],
): Location | undefined {
  const need = (key: string, pattern: RegExp, allowed: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === "") {
      problems.push({ key, message: `${key} is required when eventstack:cloud is "${cloud}"` });
      return undefined;
    }
    if (!pattern.test(value)) {
      problems.push({ key, message: `${key} must be ${allowed}, got ${JSON.stringify(value)}` });
      return undefined;
    }
    return value;
  };
  if (cloud === "gcp") {
    const project = need(
      "gcp:project",
      GCP_PROJECT,
      "a GCP project id (6-30 lowercase characters)",
    );
    const region = need("gcp:region", GCP_REGION, 'a GCP region such as "europe-west1"');
    return project && region ? { cloud, project, region } : undefined;
  }
  const region = need("aws:region", AWS_REGION, 'an AWS region such as "eu-west-1"');
  return region ? { cloud, region } : undefined;
}

function checkCrossFields(cfg: RawConfig, problems: ConfigProblem[]): void {
  const key = (path: string) => `${NAMESPACE}:${path}`;
  const secretNames = new Set(cfg.secrets ?? []);
  const dupSecret = (cfg.secrets ?? []).find((n, j, all) => all.indexOf(n) !== j);
  if (dupSecret !== undefined) {
    problems.push({
      key: key("secrets"),
      message: `${key("secrets")} must not repeat a name, got ${JSON.stringify(dupSecret)} twice`,
    });
  }
  // Each operator key names a principal of one cloud; on the other it would be ignored silently.
  for (const [field, cloud] of [
    ["operatorPrincipalArn", "aws"],
    ["operatorMember", "gcp"],
  ] as const) {
    if (cfg[field] !== undefined && cfg.cloud !== cloud) {
      problems.push({
        key: key(field),
        message: `${key(field)} applies to ${key("cloud")} ${JSON.stringify(cloud)} only, got it on ${JSON.stringify(cfg.cloud)} (value ${JSON.stringify(cfg[field])})`,
      });
    }
  }
  const seen = new Map<string, number>();
  cfg.consumers.forEach((c, i) => {
    const at = (field: string) => key(`consumers[${i}].${field}`);
    const first = seen.get(c.name);
    if (first !== undefined) {
      problems.push({
        key: at("name"),
        message: `${at("name")} must be unique, got ${JSON.stringify(c.name)} (also consumers[${first}])`,
      });
    }
    seen.set(c.name, i);
    const dupType = c.eventTypes.find((t, j) => c.eventTypes.indexOf(t) !== j);
    if (dupType !== undefined) {
      problems.push({
        key: at("eventTypes"),
        message: `${at("eventTypes")} must not repeat a type, got ${JSON.stringify(dupType)} twice`,
      });
    }
    if (
      c.minInstances !== undefined &&
      c.maxInstances !== undefined &&
      c.minInstances > c.maxInstances
    ) {
      problems.push({
        key: at("minInstances"),
        message: `${at("minInstances")} must be ≤ maxInstances (${c.maxInstances}), got ${c.minInstances}`,
      });
    }
    if (
      c.secret !== undefined &&
      secretNames.has(c.secret) &&
      (cfg.secretValues ?? {})[c.secret] === undefined
    ) {
      // Cloud Run resolves secret env vars before an instance starts and Lambda's GetSecretValue
      // fails on a secret with no version: a consumer reading a secret with no value never works.
      problems.push({
        key: at("secret"),
        message: `${at("secret")} names secret ${JSON.stringify(c.secret)}, which has no value; set it with: pulumi config set --secret --path '${key(`secretValues.${c.secret}`)}' <value> (or drop the consumer's secret)`,
      });
    }
    if (c.secret !== undefined && !secretNames.has(c.secret)) {
      problems.push({
        key: at("secret"),
        message: `${at("secret")} must name a secret declared in ${key("secrets")} (${[...secretNames].map((s) => JSON.stringify(s)).join(", ") || "none declared"}), got ${JSON.stringify(c.secret)}`,
      });
    }
    if (cfg.cloud === "gcp") {
      if (c.timeoutSeconds !== undefined && c.timeoutSeconds > LIMITS.gcpMaxTimeoutSeconds) {
        problems.push({
          key: at("timeoutSeconds"),
          message: `${at("timeoutSeconds")} must be ≤ ${LIMITS.gcpMaxTimeoutSeconds} on gcp (the Pub/Sub push ack deadline limit), got ${c.timeoutSeconds}`,
        });
      }
      if (c.memoryMb !== undefined && c.memoryMb < LIMITS.gcpMinMemoryMb) {
        problems.push({
          key: at("memoryMb"),
          message: `${at("memoryMb")} must be ≥ ${LIMITS.gcpMinMemoryMb} on gcp (Cloud Run minimum), got ${c.memoryMb}`,
        });
      }
    } else if (c.memoryMb !== undefined && c.memoryMb > LIMITS.awsMaxMemoryMb) {
      problems.push({
        key: at("memoryMb"),
        message: `${at("memoryMb")} must be ≤ ${LIMITS.awsMaxMemoryMb} on aws (Lambda maximum), got ${c.memoryMb}`,
      });
    }
  });
  for (const name of Object.keys(cfg.secretValues ?? {})) {
    if (!secretNames.has(name)) {
      problems.push({
        key: key("secretValues"),
        message: `${key(`secretValues.${name}`)} has no matching entry in ${key("secrets")}`,
      });
    }
  }
  for (const label of Object.keys(cfg.labels ?? {})) {
    if ((RESERVED_LABELS as readonly string[]).includes(label)) {
      problems.push({
        key: key(`labels.${label}`),
        message: `${key(`labels.${label}`)} is set by the platform and cannot be overridden (reserved: ${RESERVED_LABELS.join(", ")})`,
      });
    }
  }
}

/**
 * Plain variables may not take names the platform sets, and are never secrets: `pulumi config set
 * --secret --path 'eventstack:consumers[0].env.X'` makes the whole key a secret, which the model
 * refuses when any consumer has variables.
 */
function checkConsumerEnv(
  cfg: RawConfig,
  secretKeys: readonly string[],
  problems: ConfigProblem[],
): void {
  const consumersKey = `${NAMESPACE}:consumers`;
  cfg.consumers.forEach((c, i) => {
    const at = `${consumersKey}[${i}].env`;
    problems.push(...envProblems(c.env, at));
    if (c.env !== undefined && secretKeys.includes(consumersKey)) {
      problems.push({
        key: at,
        message: `${at} holds plain values, but ${consumersKey} is a secret config value; put secret values in ${NAMESPACE}:secrets and ${NAMESPACE}:secretValues and name one as the consumer's secret`,
      });
    }
  });
}

function wrapSecret(value: string | undefined): pulumi.Output<string> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}

/** Stack names may hold characters labels do not allow. */
export function sanitizeLabel(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .slice(0, 63);
}
