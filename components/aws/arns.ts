/**
 * ARNs built from names, for policies that must name a resource before it exists
 * (see `./names.ts` for why).
 */

/** Where the stack deploys: the provider's partition, region and account. */
export interface AwsAccount {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** `amazonaws.com`, or the partition's own (e.g. `amazonaws.com.cn`). */
  readonly dnsSuffix: string;
}

/** `arn:<partition>:iam::<account>:root`, the account as a principal. */
export function accountRootArn(at: AwsAccount): string {
  return `arn:${at.partition}:iam::${at.accountId}:root`;
}

export function eventBusArn(at: AwsAccount, bus: string): string {
  return `arn:${at.partition}:events:${at.region}:${at.accountId}:event-bus/${bus}`;
}

/** Rules on a custom bus carry the bus name in their ARN. */
export function ruleArn(at: AwsAccount, bus: string, rule: string): string {
  return `arn:${at.partition}:events:${at.region}:${at.accountId}:rule/${bus}/${rule}`;
}

/** The log group ARN as CloudWatch Logs puts it in its KMS encryption context (no `:*`). */
export function logGroupArn(at: AwsAccount, logGroup: string): string {
  return `arn:${at.partition}:logs:${at.region}:${at.accountId}:log-group:${logGroup}`;
}

export function queueArn(at: AwsAccount, queue: string): string {
  return `arn:${at.partition}:sqs:${at.region}:${at.accountId}:${queue}`;
}

/** An IAM role's ARN (roles created without a path). */
export function roleArn(at: AwsAccount, role: string): string {
  return `arn:${at.partition}:iam::${at.accountId}:role/${role}`;
}

export function topicArn(at: AwsAccount, topic: string): string {
  return `arn:${at.partition}:sns:${at.region}:${at.accountId}:${topic}`;
}

/**
 * One alarm's ARN. Named one by one rather than by a `<prefix>-*` pattern: another stack's prefix
 * may extend this one's (`eventstack-prod-eu-…` starts with `eventstack-prod-`).
 */
export function alarmArn(at: AwsAccount, alarm: string): string {
  return `arn:${at.partition}:cloudwatch:${at.region}:${at.accountId}:alarm:${alarm}`;
}

/** The regional endpoint host of a service, as `kms:ViaService` and regional principals name it. */
export function serviceHost(at: AwsAccount, service: string): string {
  return `${service}.${at.region}.${at.dnsSuffix}`;
}
