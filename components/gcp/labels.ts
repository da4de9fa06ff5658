/**
 * The labels put on every GCP resource that takes them.
 */

/** Labels a GCP resource may carry (https://cloud.google.com/resource-manager/docs/labels-overview#requirements). */
export const GCP_MAX_LABELS = 64;

/**
 * Labels every resource gets besides the user's: the platform's `environment`, `stack`,
 * `managed-by` and `consumer`, and the `goog-pulumi-provisioned` attribution label pulumi-gcp
 * ≥ 8 adds (pulumi/registry, gcp 8.0 migration guide, "Default label").
 */
export const PLATFORM_LABEL_COUNT = 5;

/** User labels (`eventstack:labels`) a GCP stack may set, so every resource stays within 64. */
export const MAX_USER_LABELS = GCP_MAX_LABELS - PLATFORM_LABEL_COUNT;

/**
 * The platform labels from config (environment, stack, managed-by and the user's own), plus
 * `consumer` for resources that belong to one consumer.
 */
export function resourceLabels(
  platform: Readonly<Record<string, string>>,
  consumer?: string,
): Record<string, string> {
  return consumer === undefined ? { ...platform } : { ...platform, consumer };
}
