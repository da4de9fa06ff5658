/**
 * The labels put on every GCP resource that takes them.
 */

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
