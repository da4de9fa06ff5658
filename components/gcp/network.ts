/**
 * The private network consumers reach private backends through: a custom-mode VPC and one
 * subnet, used by Cloud Run's Direct VPC egress (no connector VMs to run or pay for).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { subnetRange } from "./subnet-range";

/** Arguments of {@link GcpNetwork}. */
export interface GcpNetworkArgs {
  readonly project: string;
  readonly region: string;
  /** Network name. No default. */
  readonly networkName: string;
  /** Subnetwork name. No default. */
  readonly subnetName: string;
  /** Sum of the consumers' maximum instances; sizes the subnet. No default. */
  readonly maxInstances: number;
}

/** A VPC with one regional subnet sized for the consumers' scale-out. */
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
        ipCidrRange: subnetRange(args.maxInstances),
        // Google APIs stay reachable from instances that only have private addresses.
        privateIpGoogleAccess: true,
        logConfig: {
          aggregationInterval: "INTERVAL_5_SEC",
          flowSampling: 0.5,
          metadata: "INCLUDE_ALL_METADATA",
        },
      },
      { parent: this },
    );
    this.registerOutputs({ network: this.network.id, subnetwork: this.subnetwork.id });
  }
}
