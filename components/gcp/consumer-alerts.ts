/**
 * One consumer's alert policies (see `alerts.ts` for what they watch and what they say to do).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { AlertSpec, ConsumerAlertSpecs } from "./alerts";

/** Arguments of {@link ConsumerAlerts}. */
export interface ConsumerAlertsArgs {
  readonly project: string;
  /** The policies, from `consumerAlertSpecs`. No default. */
  readonly specs: ConsumerAlertSpecs;
  /** Notification channels every policy notifies. No default; must not be empty. */
  readonly notificationChannels: pulumi.Input<string>[];
  /** User labels of the policies. No default. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The 5xx-ratio, backlog-age and dead-letter alert policies of one consumer. */
export class ConsumerAlerts extends pulumi.ComponentResource {
  readonly errorRatio: gcp.monitoring.AlertPolicy;
  readonly backlogAge: gcp.monitoring.AlertPolicy;
  readonly deadLetters: gcp.monitoring.AlertPolicy;

  constructor(name: string, args: ConsumerAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:ConsumerAlerts", name, {}, opts);
    if (args.notificationChannels.length === 0) {
      throw new pulumi.InputPropertyError({
        propertyPath: "notificationChannels",
        reason: "an alert policy must notify at least one channel, got none",
      });
    }
    const policy = (suffix: string, spec: AlertSpec) =>
      new gcp.monitoring.AlertPolicy(
        `${name}-${suffix}`,
        {
          project: args.project,
          ...spec,
          enabled: true,
          notificationChannels: args.notificationChannels,
          userLabels: { ...args.labels },
        },
        { parent: this },
      );
    this.errorRatio = policy("errors", args.specs.errorRatio);
    this.backlogAge = policy("backlog", args.specs.backlogAge);
    this.deadLetters = policy("dead-letters", args.specs.deadLetters);
    this.registerOutputs({
      policies: [this.errorRatio.name, this.backlogAge.name, this.deadLetters.name],
    });
  }
}
