/**
 * The alert email channel and the platform dashboard.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { dashboardDefinition, type DashboardInput } from "./dashboard";

/** Arguments of {@link GcpMonitoring}. */
export interface GcpMonitoringArgs {
  readonly project: string;
  readonly stack: string;
  /** Address alert policies notify (`alertEmail`). No default. */
  readonly email: string;
  /** What the dashboard shows. No default. */
  readonly dashboard: DashboardInput;
  /** User labels of the channel. No default. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Console address of a dashboard, from its id (`projects/<n>/dashboards/<id>`). */
export function dashboardUrl(dashboardId: string, project: string): string {
  const id = dashboardId.split("/").pop() ?? dashboardId;
  return `https://console.cloud.google.com/monitoring/dashboards/builder/${id}?project=${project}`;
}

/** The notification channel every alert policy uses, and the dashboard. */
export class GcpMonitoring extends pulumi.ComponentResource {
  readonly channel: gcp.monitoring.NotificationChannel;
  readonly dashboard: gcp.monitoring.Dashboard;
  readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: GcpMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Monitoring", name, {}, opts);
    this.channel = new gcp.monitoring.NotificationChannel(
      `${name}-email`,
      {
        project: args.project,
        type: "email",
        displayName: `eventstack ${args.stack} on-call (${args.email})`,
        description: "Receives every eventstack alert of this stack.",
        labels: { email_address: args.email },
        userLabels: { ...args.labels },
        enabled: true,
      },
      { parent: this },
    );
    this.dashboard = new gcp.monitoring.Dashboard(
      `${name}-dashboard`,
      { project: args.project, dashboardJson: JSON.stringify(dashboardDefinition(args.dashboard)) },
      { parent: this },
    );
    this.dashboardUrl = this.dashboard.id.apply((id) => dashboardUrl(id, args.project));
    this.registerOutputs({ channel: this.channel.name, dashboardUrl: this.dashboardUrl });
  }
}
