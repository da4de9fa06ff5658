/**
 * The stack's `aws:*` settings, for the platform's explicit provider.
 *
 * Pulumi configures a *default* provider from the stack's `aws:*` config
 * (https://www.pulumi.com/docs/concepts/resources/providers/, "Default Provider Configuration"),
 * but an explicit `new aws.Provider(...)` gets only its arguments: @pulumi/aws 7.x provider.js
 * sets `resourceInputs["profile"] = args?.profile` and `region` from `args` or `AWS_REGION`. So the
 * settings a team writes with `pulumi config set aws:profile …` are parsed here and passed on, and
 * `aws:allowedAccountIds` also becomes a guard the program checks. Credentials themselves
 * (`aws:accessKey`, …) are not read: use a profile, a role or the environment.
 */
import { z } from "zod";

/** The `aws:*` keys passed to the explicit provider, and how each is decoded. */
const SETTINGS = {
  profile: z.string().min(1),
  sharedConfigFiles: z.array(z.string().min(1)),
  sharedCredentialsFiles: z.array(z.string().min(1)),
  assumeRoles: z.array(
    z.strictObject({
      roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN"),
      sessionName: z.string().min(2).max(64).optional(),
      externalId: z.string().min(2).max(1224).optional(),
      duration: z.string().min(1).optional(),
      policy: z.string().min(1).optional(),
      policyArns: z.array(z.string().min(1)).optional(),
      sourceIdentity: z.string().min(2).max(64).optional(),
      tags: z.record(z.string(), z.string()).optional(),
      transitiveTagKeys: z.array(z.string()).optional(),
    }),
  ),
  allowedAccountIds: z.array(z.string().regex(/^\d{12}$/, "a 12-digit AWS account id")).min(1),
  forbiddenAccountIds: z.array(z.string().regex(/^\d{12}$/, "a 12-digit AWS account id")).min(1),
  stsRegion: z.string().min(1),
  maxRetries: z.number().int().min(0).max(100),
  retryMode: z.enum(["standard", "adaptive"]),
  skipCredentialsValidation: z.boolean(),
  skipMetadataApiCheck: z.boolean(),
  skipRequestingAccountId: z.boolean(),
  ec2MetadataServiceEndpoint: z.string().min(1),
  customCaBundle: z.string().min(1),
  httpProxy: z.string().min(1),
  httpsProxy: z.string().min(1),
  noProxy: z.string().min(1),
  useFipsEndpoint: z.boolean(),
} as const;

type Settings = typeof SETTINGS;

/** Decoded provider settings, only those the stack sets. */
export type AwsProviderSettings = { -readonly [K in keyof Settings]?: z.infer<Settings[K]> };

/** Keys that would change the provider in ways the platform relies on not changing. */
const REFUSED = ["region", "defaultTags", "ignoreTags", "endpoints", "skipRegionValidation"];

/** Pulumi passes structured and non-string config as JSON text; plain strings as they are. */
function decode(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Reads the `aws:*` keys of the raw config map (as `pulumi.runtime.allConfig()` holds it).
 * Throws an error naming the key, the value and what is allowed. `aws:region` is read by the
 * config model; `aws:defaultTags`, `aws:ignoreTags` and `aws:endpoints` are refused because the
 * platform sets tags itself and names AWS endpoints in its policies.
 */
export function awsProviderSettings(raw: Readonly<Record<string, string>>): AwsProviderSettings {
  const out: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(raw)) {
    if (!fullKey.startsWith("aws:")) continue;
    const key = fullKey.slice("aws:".length);
    if (key === "region") continue;
    if (REFUSED.includes(key)) {
      throw new Error(
        `${fullKey} is not supported by eventstack: the platform sets tags and endpoints itself; remove it from the stack config`,
      );
    }
    const schema = (SETTINGS as Record<string, z.ZodType | undefined>)[key];
    if (schema === undefined) continue;
    const value = key === "profile" || key.endsWith("Region") ? text : decode(text);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      throw new Error(
        `${fullKey} must be ${issue?.message ?? "valid"}${where}, got ${JSON.stringify(text)}`,
      );
    }
    out[key] = parsed.data;
  }
  return out as AwsProviderSettings;
}

/**
 * Why `accountId` may not be deployed into under `settings`, or undefined. The provider refuses
 * the same accounts when it configures ("allowed_account_ids … to prevent you from mistakenly using
 * an incorrect one", https://registry.terraform.io/providers/hashicorp/aws/latest/docs#allowed_account_ids);
 * checking them in the program makes `check` and preview say so before anything is planned.
 */
export function accountGuardProblem(
  settings: AwsProviderSettings,
  accountId: string,
): string | undefined {
  const allowed = settings.allowedAccountIds;
  if (allowed !== undefined && !allowed.includes(accountId)) {
    return `the credentials belong to AWS account ${accountId}, which aws:allowedAccountIds (${allowed.join(", ")}) does not allow; deploy this stack with credentials for an allowed account`;
  }
  if (settings.forbiddenAccountIds?.includes(accountId) === true) {
    return `the credentials belong to AWS account ${accountId}, which aws:forbiddenAccountIds forbids`;
  }
  return undefined;
}
