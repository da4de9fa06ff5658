/**
 * Sizing of the Direct VPC egress subnet. Cloud Run takes IP addresses from it as instances start
 * (its networking guide budgets 4 per instance); a subnet that runs out stops scale-out.
 */

/** First address of the consumers' subnet. */
export const SUBNET_BASE = "10.8.0.0";

/** Cloud Run's smallest Direct VPC egress subnet. */
export const MIN_SUBNET_PREFIX = 26;

/** Addresses budgeted per instance. */
export const IPS_PER_INSTANCE = 4;

/** GCP reserves four addresses in every subnet. */
const RESERVED = 4;

/** The subnet CIDR for consumers that together scale to `maxInstances` instances. */
export function subnetRange(maxInstances: number): string {
  if (!Number.isInteger(maxInstances) || maxInstances < 1) {
    throw new Error(`maxInstances must be a positive integer, got ${maxInstances}`);
  }
  const needed = maxInstances * IPS_PER_INSTANCE + RESERVED;
  const prefix = Math.min(MIN_SUBNET_PREFIX, 32 - Math.ceil(Math.log2(needed)));
  return `${SUBNET_BASE}/${prefix}`;
}
