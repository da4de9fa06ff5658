/**
 * The Direct VPC egress subnet's range. Cloud Run takes IP addresses from it as instances start
 * (its networking guide budgets 4 per instance); a subnet that runs out stops scale-out.
 *
 * The range comes from config (`eventstack:vpcEgressRange`) and is never derived from the
 * consumers: a subnet range cannot shrink in place, and Cloud Run keeps holding addresses of a
 * subnet for 1-2 hours after its last revision stops using it
 * (https://cloud.google.com/run/docs/configuring/vpc-direct-vpc, "Scale up and scale down":
 * "To delete a subnet, first delete or redeploy ..., then wait 1 to 2 hours"), so a range that
 * shrank whenever a consumer was removed would force a replacement that fails.
 */

/** Cloud Run's smallest Direct VPC egress subnet. */
export const MIN_SUBNET_PREFIX = 26;

/** Addresses budgeted per instance. */
export const IPS_PER_INSTANCE = 4;

/** GCP reserves four addresses in every subnet. */
const RESERVED = 4;

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Addresses a range must hold for consumers that together scale to `maxInstances`. */
export function addressesNeeded(maxInstances: number): number {
  if (!Number.isInteger(maxInstances) || maxInstances < 1) {
    throw new Error(`maxInstances must be a positive integer, got ${maxInstances}`);
  }
  return maxInstances * IPS_PER_INSTANCE + RESERVED;
}

/**
 * Why `range` cannot hold consumers that together scale to `maxInstances` instances, or
 * undefined when it can.
 */
export function egressRangeProblem(range: string, maxInstances: number): string | undefined {
  const m = CIDR.exec(range);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    return `must be an IPv4 CIDR range such as 10.8.0.0/22, got ${JSON.stringify(range)}`;
  }
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    return `must start on a /${prefix} boundary (host bits zero), got ${JSON.stringify(range)}`;
  }
  if (prefix > MIN_SUBNET_PREFIX) {
    return `must be /${MIN_SUBNET_PREFIX} or larger (Cloud Run's smallest Direct VPC egress subnet), got ${JSON.stringify(range)}`;
  }
  const needed = addressesNeeded(maxInstances);
  if (size < needed) {
    const fits = 32 - Math.ceil(Math.log2(needed));
    return `holds ${size} addresses but the consumers scale to ${maxInstances} instances, which need ${needed} (${IPS_PER_INSTANCE} each plus ${RESERVED} reserved); use a /${fits} or larger that contains the current range (it then expands in place), got ${JSON.stringify(range)}`;
  }
  return undefined;
}
