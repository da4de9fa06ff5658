/**
 * A consumer that reads a secret the stack creates but never gives a value cannot work:
 * - Cloud Run resolves secret environment variables and volumes when an instance starts, so a
 *   revision whose secret has no (enabled) version never becomes ready
 *   (https://cloud.google.com/run/docs/configuring/services/secrets#access-secrets);
 * - a version alias (`latest`) is not strongly consistent, only a version number is
 *   (https://cloud.google.com/secret-manager/docs/reference/consistency), and a revision pinned to
 *   `latest` keeps the value it read, so rotating the secret rolls nothing out;
 * - on AWS, GetSecretValue on a secret with no version fails with ResourceNotFoundException
 *   ("can't find the specified secret value for staging label: AWSCURRENT"), so every invocation
 *   that reads it fails (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html).
 */
import type { RecordedResource } from "../../../policies/offline/mock-types";
import type { DeployabilityFinding, DeployabilityRule } from "../rule";
import { propertiesOf, quote, stringAt, valuesAt } from "../values";

const NAME = "deployability-unresolvable-secret-reference";
const GCP_SECRET = "gcp:secretmanager/secret:Secret";
const GCP_VERSION = "gcp:secretmanager/secretVersion:SecretVersion";
const AWS_SECRET = "aws:secretsmanager/secret:Secret";
const AWS_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

/** Every way a stack's resources may spell a secret: id, name, ARN. */
function secretNames(r: RecordedResource): string[] {
  const props = propertiesOf(r);
  const names = [
    r.id,
    stringAt(props, "secretId"),
    stringAt(props, "name"),
    stringAt(props, "arn"),
  ];
  return names.filter((n): n is string => typeof n === "string" && n !== "");
}

/** The secrets of `type` by every name, and the names of those that have a version. */
function indexSecrets(
  resources: readonly RecordedResource[],
  secretType: string,
  versionType: string,
) {
  const byName = new Map<string, RecordedResource>();
  for (const r of resources)
    if (r.type === secretType) for (const n of secretNames(r)) byName.set(n, r);
  const versioned = new Set<string>();
  for (const r of resources) {
    if (r.type !== versionType) continue;
    // A disabled version resolves to nothing: Cloud Run cannot read it at instance start.
    if (propertiesOf(r).enabled === false) continue;
    const ref = stringAt(propertiesOf(r), versionType === GCP_VERSION ? "secret" : "secretId");
    const secret = ref === undefined ? undefined : byName.get(ref);
    if (secret !== undefined) versioned.add(secret.urn);
  }
  return { byName, versioned };
}

/** `projects/p/secrets/x` or `x` → the secret's short id, for commands. */
const shortId = (name: string) => name.split("/").pop() ?? name;

function cloudRunFindings(resources: readonly RecordedResource[]): DeployabilityFinding[] {
  const { byName, versioned } = indexSecrets(resources, GCP_SECRET, GCP_VERSION);
  const findings: DeployabilityFinding[] = [];
  for (const r of resources) {
    if (r.type !== "gcp:cloudrunv2/service:Service") continue;
    const props = propertiesOf(r);
    const refs: { where: string; secret: string; version: string | undefined }[] = [];
    for (const c of valuesAt(props, "template.containers.*")) {
      for (const env of valuesAt(c, "envs.*")) {
        const secret = stringAt(env, "valueSource.secretKeyRef.secret");
        if (secret === undefined) continue;
        refs.push({
          where: `env ${stringAt(env, "name") ?? "?"}`,
          secret,
          version: stringAt(env, "valueSource.secretKeyRef.version"),
        });
      }
    }
    for (const vol of valuesAt(props, "template.volumes.*")) {
      const secret = stringAt(vol, "secret.secret");
      if (secret === undefined) continue;
      const items = valuesAt(vol, "secret.items.*");
      const versions = items.length > 0 ? items.map((i) => stringAt(i, "version")) : ["latest"];
      for (const version of versions)
        refs.push({ where: `volume ${stringAt(vol, "name") ?? "?"}`, secret, version });
    }
    for (const ref of refs) {
      const target = byName.get(ref.secret);
      if (target !== undefined && !versioned.has(target.urn)) {
        findings.push({
          rule: NAME,
          urn: r.urn,
          related: [target.urn],
          message:
            `${ref.where} reads secret ${quote(shortId(ref.secret))}, which the stack creates without an enabled version: ` +
            `Cloud Run resolves it when an instance starts, so the service never becomes ready. ` +
            `Give the secret a value in the stack (for eventstack: pulumi config set --secret --path ` +
            `'eventstack:secretValues.<name>' <value>) or stop referencing it.`,
        });
      }
      if (ref.version === undefined || !/^\d+$/.test(ref.version)) {
        findings.push({
          rule: NAME,
          urn: r.urn,
          message:
            `${ref.where} reads secret ${quote(shortId(ref.secret))} at version ${quote(ref.version ?? "latest")}: ` +
            `only a version number is strongly consistent, and a revision pinned to an alias keeps the value it read, ` +
            `so rotating the secret rolls out nothing. Reference the version number the stack created.`,
        });
      }
    }
  }
  return findings;
}

function lambdaFindings(resources: readonly RecordedResource[]): DeployabilityFinding[] {
  const { byName, versioned } = indexSecrets(resources, AWS_SECRET, AWS_VERSION);
  const findings: DeployabilityFinding[] = [];
  for (const r of resources) {
    if (r.type !== "aws:lambda/function:Function") continue;
    const vars = valuesAt(propertiesOf(r), "environment.variables")[0];
    if (vars === null || typeof vars !== "object") continue;
    for (const [name, value] of Object.entries(vars)) {
      const target = typeof value === "string" ? byName.get(value) : undefined;
      if (target === undefined || versioned.has(target.urn)) continue;
      findings.push({
        rule: NAME,
        urn: r.urn,
        related: [target.urn],
        message:
          `environment ${name} names secret ${quote(stringAt(propertiesOf(target), "name") ?? target.name)}, ` +
          `which the stack creates without an enabled version: GetSecretValue fails with ResourceNotFoundException ` +
          `(no AWSCURRENT version), so every invocation that reads it fails. Give the secret a value in the ` +
          `stack (for eventstack: pulumi config set --secret --path 'eventstack:secretValues.<name>' <value>) ` +
          `or stop referencing it.`,
      });
    }
  }
  return findings;
}

export const unresolvableSecretReference: DeployabilityRule = {
  meta: {
    name: NAME,
    description:
      "A consumer reads only secrets that have a version in the stack, and Cloud Run pins a version number, not an alias such as latest.",
    remediationSteps:
      "Set the secret's value (pulumi config set --secret --path 'eventstack:secretValues.<name>' <value>) or drop the consumer's reference; reference the created version's number.",
    sources: [
      "https://cloud.google.com/run/docs/configuring/services/secrets",
      "https://cloud.google.com/secret-manager/docs/reference/consistency",
      "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html",
    ],
    appliesTo: ["plan", "state"],
  },
  check(resources) {
    return [...cloudRunFindings(resources), ...lambdaFindings(resources)];
  },
};
