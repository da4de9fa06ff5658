/**
 * The private network consumers reach private backends through: a custom-mode VPC and one
 * subnet, used by Cloud Run's Direct VPC egress (no connector VMs to run or pay for).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link GcpNetwork}. */
export interface GcpNetworkArgs {
  readonly project: string;
  readonly region: string;
  /** Network name. No default. */
  readonly networkName: string;
  /** Subnetwork name. No default. */
  readonly subnetName: string;
  /** Subnet range (`vpcEgressRange`), checked against the consumers' scale-out. No default. */
  readonly range: string;
  /** Flow log sampling in percent (`flowLogSamplingPercent`). No default. */
  readonly flowLogSamplingPercent: number;
}

/**
 * A VPC with one regional subnet for the consumers' scale-out. Deleting the subnet waits for Cloud
 * Run to release its addresses, which Google says takes 1-2 hours after the services are gone
 * (https://cloud.google.com/run/docs/configuring/vpc-direct-vpc, "Scale up and scale down":
 * "To delete a subnet, first delete or redeploy ..., then wait 1 to 2 hours"); the README's GCP
 * destroy section says what to do when `pulumi destroy` stops there.
 */
export class GcpNetwork extends pulumi.ComponentResource {
  readonly network: gcp.compute.Network;
  readonly subnetwork: gcp.compute.Subnetwork;

  constructor(name: string, args: GcpNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Network", name, {}, opts);
    this.network = new gcp.compute.Network(
      `${name}-vpc`,
      {
        project: args.project,
        name: args.networkName,
        description: "eventstack consumers' private egress",
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
      },
      { parent: this },
    );
    this.subnetwork = new gcp.compute.Subnetwork(
      `${name}-subnet`,
      {
        project: args.project,
        region: args.region,
        name: args.subnetName,
        network: this.network.id,
        ipCidrRange: args.range,
        // Google APIs stay reachable from instances that only have private addresses.
        privateIpGoogleAccess: true,
        logConfig: {
          aggregationInterval: "INTERVAL_5_SEC",
          flowSampling: args.flowLogSamplingPercent / 100,
          metadata: "INCLUDE_ALL_METADATA",
        },
      },
      { parent: this },
    );
    this.registerOutputs({ network: this.network.id, subnetwork: this.subnetwork.id });
  }
}
