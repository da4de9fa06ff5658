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

/** Characters a name mention is delimited by (as in `mentions` of ./dead-letters). */
const TOKEN_SPLIT = /[^A-Za-z0-9_-]+/;

/**
 * The alert policies that can notify, indexed once by the names their conditions mention and by
 * the resources their conditions depend on, so that finding an alert for each of n resources
 * costs time linear in the stack rather than alerts × resources.
 */
export class AlertIndex {
  /** Alerts that can notify, with their condition text. */
  readonly alerts: readonly { readonly alert: PolicyResource; readonly text: string }[];
  private readonly byToken = new Map<string, PolicyResource[]>();
  private readonly byDependency = new Map<string, PolicyResource[]>();

  constructor(index: ResourceIndex, alerts: readonly PolicyResource[]) {
    this.alerts = alerts
      .filter((alert) => canNotify(index, alert))
      .map((alert) => ({ alert, text: conditionText(index, alert) }));
    for (const { alert, text } of this.alerts) {
      for (const token of new Set(text.split(TOKEN_SPLIT))) {
        if (token !== "") this.byToken.set(token, [...(this.byToken.get(token) ?? []), alert]);
      }
      for (const dep of alert.propertyDependencies.conditions ?? []) {
        this.byDependency.set(dep.urn, [...(this.byDependency.get(dep.urn) ?? []), alert]);
      }
    }
  }

  /** Alerts whose conditions mention `name` as a whole token. */
  mentioning(name: string): readonly PolicyResource[] {
    if (TOKEN_SPLIT.test(name)) {
      // A name with separators in it (Pub/Sub allows `.`, `~`, `+`, `%`): search the text.
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const re = new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_-])`);
      return this.alerts.filter((a) => re.test(a.text)).map((a) => a.alert);
    }
    return this.byToken.get(name) ?? [];
  }

  /** Alerts whose conditions depend on the resource `urn`. */
  dependingOn(urn: string): readonly PolicyResource[] {
    return this.byDependency.get(urn) ?? [];
  }

  /** The condition text of an alert of this index. */
  textOf(alert: PolicyResource): string {
    return this.alerts.find((a) => a.alert === alert)?.text ?? "";
  }
}
