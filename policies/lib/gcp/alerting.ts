/**
 * Whether a Cloud Monitoring alert policy can fire and be heard: it is enabled and has
 * notification channels (an alert without channels only records an incident; "Manage notification
 * channels", https://cloud.google.com/monitoring/support/notification-options), and what its
 * conditions watch (filters, MQL or PromQL queries, as text).
 */
import type { PolicyResource } from "@pulumi/policy";
import type { ResourceIndex } from "../resource-index";
import { isUnknown, stringsIn } from "../values";

/** True when the policy is not disabled and notifies at least one channel (or may, once known). */
export function canNotify(index: ResourceIndex, alert: PolicyResource): boolean {
  const props = index.props(alert);
  if (props.enabled === false) return false;
  const channels = props.notificationChannels;
  return isUnknown(channels) || (Array.isArray(channels) && channels.length > 0);
}

/** Every filter and query of the policy's conditions, one per line. */
export function conditionText(index: ResourceIndex, alert: PolicyResource): string {
  return stringsIn(index.props(alert).conditions).join("\n");
}
