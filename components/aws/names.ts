/**
 * Physical names of the AWS resources. They are derived, not generated, because the key policy,
 * the alert topic policy and the log groups must name resources (bus, rules, log groups, topic)
 * before those exist; a computed ARN would make the key depend on what it encrypts.
 */
import { createHash } from "node:crypto";

/** AWS name length limits that the derived names must respect. */
export const NAME_LIMITS = {
  function: 64,
  role: 64,
  rule: 64,
  queue: 80,
  bus: 256,
  archive: 48,
  alarm: 255,
  topic: 256,
  dashboard: 255,
  /** Without the `alias/` prefix. */
  keyAlias: 250,
  secret: 512,
} as const;

/** Names of one consumer's resources. */
export interface ConsumerNames {
  /** The consumer's config name. */
  readonly consumer: string;
  readonly function: string;
  readonly role: string;
  readonly rule: string;
  readonly deadLetterQueue: string;
  /** The queue EventBridge delivers to and the function polls. */
  readonly queue: string;
  /** `/aws/lambda/<function>`, where Lambda would put the logs itself. */
  readonly logGroup: string;
  /** Every alarm of the consumer is named `<alarmPrefix>-<kind>`. */
  readonly alarmPrefix: string;
}

/** Names of the platform's resources. */
export interface PlatformNames {
  /** `<component>-<stack>`: every physical name starts with it. */
  readonly prefix: string;
  readonly bus: string;
  readonly archive: string;
  readonly busDeadLetterQueue: string;
  readonly busAlarmPrefix: string;
  readonly alertTopic: string;
  readonly dashboard: string;
  /** Alias of the key for alerts and the bus's dead letters, without `alias/`. */
  readonly alertsKeyAlias: string;
  /** Alias of the key for the platform's data, without `alias/`. */
  readonly dataKeyAlias: string;
  /** The role operators assume to read and redrive dead letters. */
  readonly operatorRole: string;
  /** Log group of the VPC flow logs (private networking). */
  readonly flowLogGroup: string;
  /**
   * The role VPC Flow Logs assumes to publish to that group: named, so it falls under the deploy
   * role's `role/<prefix>*` scope (docs/bootstrap) like every other role of the stack.
   */
  readonly flowLogRole: string;
  /** Names of a consumer's resources, from its config name. */
  consumer(name: string): ConsumerNames;
  /** Secrets Manager name of a configured secret. */
  secret(name: string): string;
}

/**
 * Returns `base` when it fits in `max` characters; otherwise a truncated `base` followed by a
 * 7-character hash of the whole of it, so two long names that share a beginning stay distinct.
 */
export function fitName(base: string, max: number): string {
  if (base.length <= max) return base;
  const hash = createHash("sha256").update(base).digest("hex").slice(0, 7);
  return `${base.slice(0, max - 8).replace(/-+$/, "")}-${hash}`;
}

/** Stack names may hold characters that some AWS names refuse. */
export function nameSlug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * A name part that stays distinct per value: the slug when it is the value itself, otherwise the
 * slug and a 7-character hash of the value, so `Prod` and `prod`, or `prod.eu` and `prod-eu`,
 * never share physical names (Pulumi stack names allow letters of both cases, digits, `-`, `_`
 * and `.`: https://www.pulumi.com/docs/iac/concepts/stacks/#stack-names). Names already in slug
 * form keep their released physical names.
 */
export function distinctSlug(value: string): string {
  const slug = nameSlug(value);
  if (slug === value) return slug;
  const hash = createHash("sha256").update(value).digest("hex").slice(0, 7);
  return slug === "" ? hash : `${slug}-${hash}`;
}

/** Derives every physical name from the component name and the stack. */
export function platformNames(component: string, stack: string): PlatformNames {
  const prefix = `${distinctSlug(component)}-${distinctSlug(stack)}`;
  const alarmKindRoom = 40;
  return {
    prefix,
    bus: fitName(prefix, NAME_LIMITS.bus),
    archive: fitName(`${prefix}-archive`, NAME_LIMITS.archive),
    busDeadLetterQueue: fitName(`${prefix}-bus-dlq`, NAME_LIMITS.queue),
    busAlarmPrefix: fitName(`${prefix}-bus`, NAME_LIMITS.alarm - alarmKindRoom),
    alertTopic: fitName(`${prefix}-alerts`, NAME_LIMITS.topic),
    dashboard: fitName(prefix, NAME_LIMITS.dashboard),
    alertsKeyAlias: fitName(`${prefix}-alerts`, NAME_LIMITS.keyAlias),
    dataKeyAlias: fitName(`${prefix}-data`, NAME_LIMITS.keyAlias),
    operatorRole: fitName(`${prefix}-dlq-operator`, NAME_LIMITS.role),
    flowLogGroup: `/eventstack/${prefix}/vpc-flow-logs`,
    flowLogRole: fitName(`${prefix}-flow-logs`, NAME_LIMITS.role),
    consumer: (consumer) => {
      const base = `${prefix}-${consumer}`;
      const fn = fitName(base, NAME_LIMITS.function);
      return {
        consumer,
        function: fn,
        role: fitName(`${base}-role`, NAME_LIMITS.role),
        rule: fitName(base, NAME_LIMITS.rule),
        deadLetterQueue: fitName(`${base}-dlq`, NAME_LIMITS.queue),
        queue: fitName(`${base}-queue`, NAME_LIMITS.queue),
        logGroup: `/aws/lambda/${fn}`,
        alarmPrefix: fitName(base, NAME_LIMITS.alarm - alarmKindRoom),
      };
    },
    secret: (name) => fitName(`${prefix}/${name}`, NAME_LIMITS.secret),
  };
}
