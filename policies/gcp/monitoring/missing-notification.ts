import { stackPolicy } from "../../lib/define";
import { G } from "../../lib/gcp/pubsub";
import { ResourceIndex } from "../../lib/resource-index";
import { isUnknown, knownString } from "../../lib/values";

/** Every alert policy notifies someone: enabled, with enabled notification channels. */
export const gcpMonitoringAlertPolicyMissingNotification = stackPolicy(
  {
    name: "gcp-monitoring-alertpolicy-missing-notification",
    description:
      "Cloud Monitoring alert policies must notify someone: enabled, with at least one notification channel, and none of their channels disabled.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "monitoring", "alerting", "observability", "data-loss"],
    remediationSteps:
      "Set `notificationChannels` to the ids of enabled `gcp.monitoring.NotificationChannel`s (e.g. the on-call email) and leave `enabled` true.",
  },
  {
    types: [G.alertPolicy],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      for (const alert of index.ofType(G.alertPolicy)) {
        const props = index.props(alert);
        const label = JSON.stringify(knownString(props.displayName) ?? alert.name);
        if (props.enabled === false) {
          ctx.report(`alert policy ${label} must be enabled, got enabled: false.`, alert.urn);
          continue;
        }
        const channels = isUnknown(props.notificationChannels)
          ? [props.notificationChannels]
          : Array.isArray(props.notificationChannels)
            ? (props.notificationChannels as unknown[])
            : [];
        if (channels.length === 0) {
          ctx.report(
            `alert policy ${label} must have at least one notification channel, got none.`,
            alert.urn,
          );
          continue;
        }
        for (const ref of channels) {
          for (const ch of index.resolve(alert, "notificationChannels", ref, [
            G.notificationChannel,
          ])) {
            if (index.props(ch).enabled === false) {
              ctx.report(
                `alert policy ${label} notifies channel ${JSON.stringify(knownString(index.props(ch).displayName) ?? ch.name)}, which must be enabled, got enabled: false.`,
                alert.urn,
              );
            }
          }
        }
      }
    },
  },
);
