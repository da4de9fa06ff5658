/**
 * Private networking for the functions: an awsx VPC with isolated subnets (no internet gateway,
 * no NAT gateway, no route out), an egress-only security group for the functions, the endpoints
 * for the two AWS APIs the handler calls itself — an interface endpoint for Secrets Manager
 * (app/lambda/sdk-client.ts) and a gateway endpoint for DynamoDB, the shared store
 * (app/core/state/dynamodb.ts) — (the SQS queue is polled by the Lambda service, and logs, traces and on-failure destinations are
 * sent by the Lambda service outside the function's network interfaces: Lambda "Giving Lambda
 * functions access to resources in an Amazon VPC",
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html), and VPC flow logs to
 * CloudWatch Logs.
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { flowLogRolePolicy, flowLogTrustPolicy } from "./flow-log-policies";
import { withStateful, type StatefulOptions } from "./protection";
import { secretsEndpointPolicy, stateTableEndpointPolicy } from "./resource-policies";

/** Arguments of {@link Network}. */
export interface NetworkArgs {
  /** Name of the flow logs' log group. Required. */
  readonly flowLogGroupName: string;
  /** Name of the role VPC Flow Logs publishes with. Required. */
  readonly flowLogRoleName: string;
  /** Flow log retention in days (`logRetentionDays`). Required. */
  readonly flowLogRetentionDays: number;
  /** Customer managed key for the flow logs; when absent, CloudWatch Logs' own encryption. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Protection of the flow log group (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
  /** Whether any consumer reads a secret, so the Secrets Manager endpoint is needed. Required. */
  readonly secretsEndpoint: boolean;
  /** `com.amazonaws.<region>.secretsmanager` (from the partition's reverse DNS prefix). */
  readonly secretsManagerServiceName: pulumi.Input<string>;
  /** Secrets the endpoint lets functions read. Required (may be empty). */
  readonly secretArns: readonly pulumi.Input<string>[];
  /** The deploying account, the only one whose principals may use the endpoint. Required. */
  readonly accountId: pulumi.Input<string>;
  /** `com.amazonaws.<region>.dynamodb`, for the gateway endpoint to the shared store. Required. */
  readonly dynamoDbServiceName: pulumi.Input<string>;
  /** ARN of the stack's state table, the only table the functions may reach. Required. */
  readonly stateTableArn: pulumi.Input<string>;
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
        // Nothing in the VPC needs the internet: no public subnets, so no internet gateway.
        subnetSpecs: [{ type: "Isolated" }],
        natGateways: { strategy: "None" },
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
            description: "HTTPS to the interface endpoints (the subnets have no route out)",
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
          subnetIds: vpc.isolatedSubnetIds,
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
    const flowLogs = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: args.flowLogGroupName,
        retentionInDays: args.flowLogRetentionDays,
        kmsKeyId: args.kmsKeyArn,
      },
      withStateful({ parent: this }, args.stateful),
    );
    // VPC Flow Logs "Publish flow logs to CloudWatch Logs", IAM role for publishing
    // (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html).
    const flowLogRole = new aws.iam.Role(
      `${name}-flow-logs-role`,
      {
        name: args.flowLogRoleName,
        assumeRolePolicy: pulumi
          .output(args.accountId)
          .apply((accountId) => JSON.stringify(flowLogTrustPolicy(accountId))),
      },
      { parent: this },
    );
    const flowLogPermissions = new aws.iam.RolePolicy(
      `${name}-flow-logs-permissions`,
      {
        role: flowLogRole.name,
        policy: flowLogs.arn.apply((arn) => JSON.stringify(flowLogRolePolicy(arn))),
      },
      { parent: this },
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: vpc.vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: flowLogs.arn,
        iamRoleArn: flowLogRole.arn,
        maxAggregationInterval: 600,
      },
      { parent: this, dependsOn: [flowLogPermissions] },
    );
    // The functions read and write the shared store (DynamoDB) on every event, and the isolated
    // subnets have no route out: a gateway endpoint adds DynamoDB's prefix list to their route
    // tables, at no charge ("Gateway endpoints for Amazon DynamoDB",
    // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html); its policy
    // admits only this account's principals, on the stack's table.
    new aws.ec2.VpcEndpoint(
      `${name}-dynamodb`,
      {
        vpcId: vpc.vpcId,
        serviceName: args.dynamoDbServiceName,
        vpcEndpointType: "Gateway",
        routeTableIds: vpc.routeTables.apply((tables) => pulumi.all(tables.map((t) => t.id))),
        policy: pulumi
          .all([args.accountId, args.stateTableArn])
          .apply(([accountId, tableArn]) =>
            JSON.stringify(stateTableEndpointPolicy({ accountId, tableArn })),
          ),
      },
      { parent: this },
    );
    this.vpcId = vpc.vpcId;
    this.privateSubnetIds = vpc.isolatedSubnetIds;
    this.functionSecurityGroupId = functions.id;
    this.defaultSecurityGroupId = vpc.vpc.defaultSecurityGroupId;
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      functionSecurityGroupId: this.functionSecurityGroupId,
    });
  }
}
