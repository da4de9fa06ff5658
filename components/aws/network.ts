/**
 * Private networking for the functions: an awsx VPC with private subnets behind NAT, an
 * egress-only security group for the functions, and an interface endpoint for Secrets Manager,
 * the only AWS API the handler calls itself (logs, traces and on-failure destinations are sent by
 * the Lambda service, outside the function's network interfaces).
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { secretsEndpointPolicy } from "./resource-policies";

/** Arguments of {@link Network}. */
export interface NetworkArgs {
  /** One NAT gateway for the VPC (dev) instead of one per availability zone. Required. */
  readonly singleNatGateway: boolean;
  /** Whether any consumer reads a secret, so the Secrets Manager endpoint is needed. Required. */
  readonly secretsEndpoint: boolean;
  /** `com.amazonaws.<region>.secretsmanager` (from the partition's reverse DNS prefix). */
  readonly secretsManagerServiceName: pulumi.Input<string>;
  /** Secrets the endpoint lets functions read. Required (may be empty). */
  readonly secretArns: readonly pulumi.Input<string>[];
  /** The deploying account, the only one whose principals may use the endpoint. Required. */
  readonly accountId: pulumi.Input<string>;
}

const HTTPS = { protocol: "tcp", fromPort: 443, toPort: 443 } as const;

/** The VPC, the functions' security group and the endpoint. */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** The functions' security group: HTTPS egress only, no ingress. */
  readonly functionSecurityGroupId: pulumi.Output<string>;
  /** The VPC's default security group, which a deleted function's interfaces are moved to. */
  readonly defaultSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:Network", name, {}, opts);
    const provider = this.getProvider("aws::");
    // awsx's Vpc is a remote component: it only sees providers passed to it explicitly.
    const vpc = new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        enableDnsHostnames: true,
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: [{ type: "Private" }, { type: "Public" }],
        natGateways: { strategy: args.singleNatGateway ? "Single" : "OnePerAz" },
      },
      { parent: this, providers: provider ? [provider] : undefined },
    );
    const functions = new aws.ec2.SecurityGroup(
      `${name}-functions`,
      {
        vpcId: vpc.vpcId,
        description: "eventstack consumer functions: outbound HTTPS only",
        ingress: [],
        egress: [
          {
            ...HTTPS,
            cidrBlocks: ["0.0.0.0/0"],
            description:
              "HTTPS to AWS APIs (via the endpoint or NAT) and to the consumers' backends",
          },
        ],
      },
      // Deleting it waits for Lambda to release the interfaces still using it; the provider's
      // default delete timeout is 15 minutes and Lambda may take 45 (Lambda "Giving Lambda
      // functions access to resources in an Amazon VPC"), hence an hour.
      { parent: this, customTimeouts: { delete: "60m" } },
    );
    if (args.secretsEndpoint) {
      const endpoints = new aws.ec2.SecurityGroup(
        `${name}-endpoints`,
        {
          vpcId: vpc.vpcId,
          description: "eventstack interface endpoints: HTTPS from the consumer functions only",
          ingress: [
            { ...HTTPS, securityGroups: [functions.id], description: "HTTPS from the functions" },
          ],
          egress: [],
        },
        { parent: this },
      );
      new aws.ec2.VpcEndpoint(
        `${name}-secretsmanager`,
        {
          vpcId: vpc.vpcId,
          serviceName: args.secretsManagerServiceName,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: vpc.privateSubnetIds,
          securityGroupIds: [endpoints.id],
          policy: pulumi
            .all([args.accountId, pulumi.all([...args.secretArns])])
            .apply(([accountId, secretArns]) =>
              JSON.stringify(secretsEndpointPolicy({ accountId, secretArns })),
            ),
        },
        { parent: this },
      );
    }
    this.vpcId = vpc.vpcId;
    this.privateSubnetIds = vpc.privateSubnetIds;
    this.functionSecurityGroupId = functions.id;
    this.defaultSecurityGroupId = vpc.vpc.defaultSecurityGroupId;
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      functionSecurityGroupId: this.functionSecurityGroupId,
    });
  }
}
