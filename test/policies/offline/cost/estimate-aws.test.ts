/**
 * AWS estimates of the shipped stacks, checked against amounts worked out by hand from the pricing
 * pages (read 2026-12-02; Europe (Ireland) unless stated):
 * - NAT gateways, https://aws.amazon.com/vpc/pricing/: $0.048 per hour and per GB processed
 *   ($0.045 in US East); every public IPv4 address $0.005 per hour.
 * - Interface endpoints, https://aws.amazon.com/privatelink/pricing/: $0.011 per endpoint per AZ-hour.
 * - EventBridge, https://aws.amazon.com/eventbridge/pricing/: $1.00 per million custom events
 *   (64 KB chunks); archive $0.10/GB processed, $0.023/GB-month stored.
 * - Lambda, https://aws.amazon.com/lambda/pricing/: $0.20 per million requests, Arm
 *   $0.0000133334 per GB-second; free 1 M requests and 400,000 GB-seconds.
 * - X-Ray, https://aws.amazon.com/xray/pricing/: $5.00 per million traces recorded, 100,000 free;
 *   Lambda samples 1 request per second and 5% of the rest
 *   (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html).
 * - CloudWatch, https://aws.amazon.com/cloudwatch/pricing/: $0.10 per standard alarm metric (10
 *   free), $3.00 per dashboard (3 free), logs $0.57/GB ingested ($0.50 in US East), $0.03/GB-month.
 * - KMS https://aws.amazon.com/kms/pricing/ $1.00 per key-month; Secrets Manager
 *   https://aws.amazon.com/secrets-manager/pricing/ $0.40 per secret-month.
 * - SQS, https://aws.amazon.com/sqs/pricing/: $0.40 per million requests (64 KB chunks).
 * - DynamoDB on-demand, https://aws.amazon.com/dynamodb/pricing/on-demand/: a strongly consistent
 *   read of up to 4 KB is one read unit, a write of up to 1 KB one write unit; Ireland $0.7063 per
 *   million write units, $0.1413 per million read units, $0.283 per GB-month stored, $0.2266 per
 *   GB-month of point-in-time recovery (amounts unconfirmed: see prices-aws.ts).
 * - VPC flow logs to CloudWatch Logs, vended-log ingestion taken at $0.57/GB in Ireland.
 */
import assert from "node:assert/strict";
import { estimateCost } from "../../../../policies/offline/cost/estimate";
import { sampledTraces } from "../../../../policies/offline/cost/estimate-aws";
import type { CostEstimate } from "../../../../policies/offline/cost/model";
import type { RecordedResource } from "../../../../policies/offline/mock-types";
import type { Plan } from "../../../../policies/offline/plan";
import { plan } from "../../../support/plan";
import { amountOf, assertUsd, lineFor } from "./support";

function awsEstimate(
  resources: readonly RecordedResource[],
  region: string | undefined,
  overrides = {},
): CostEstimate {
  return estimateCost(resources, { cloud: "aws", region, assumptions: overrides, freeTier: false });
}

/** A recorded resource shaped like the AWS provider's, for types the shipped plans do not have. */
function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  custom = true,
): RecordedResource {
  return {
    urn: `urn:pulumi:prod::eventstack::${type}::${name}`,
    type,
    name,
    parent: undefined,
    custom,
    id: `${name}-id`,
    inputs,
    outputs: { ...inputs, arn: `arn:aws:ec2:us-east-1:123456789012:${name}` },
    dependencies: [],
    propertyDependencies: {},
    provider: undefined,
  };
}

describe("cost estimate: AWS", function () {
  this.timeout(300_000);
  let prod: Plan;
  let devOnAws: Plan;
  before(async () => {
    prod = await plan("prod");
    devOnAws = await plan("dev", { "eventstack:cloud": "aws" });
  });

  it("prod: isolated subnets, no NAT gateway or public IPv4 address; the VPC is listed free", () => {
    const e = awsEstimate(prod.resources, prod.config["aws:region"]);
    assert.equal(e.region, "eu-west-1");
    const items = [...e.fixed, ...e.perEvent].map((l) => l.item);
    assert.ok(!items.includes("NAT gateway hours"), items.join(", "));
    assert.ok(!items.includes("Public IPv4 addresses"), items.join(", "));
    assert.deepEqual(
      e.noCharge.find((g) => g.type === "awsx:ec2:Vpc"),
      {
        type: "awsx:ec2:Vpc",
        count: 1,
        reason: "component: natGateways strategy None, no NAT gateway",
      },
    );
  });

  it("prod: each delivery is an SQS send, receive and delete; the idle poller's receives are fixed", () => {
    const e = awsEstimate(prod.resources, "eu-west-1");
    // 2 consumers × 1 M events = 2 M messages × 3 requests = 6 M requests × $0.40.
    const line = lineFor(e, "SQS delivery requests", "eventstack-orders-delivery-queue");
    assert.deepEqual(line.resources, [
      "eventstack-orders-delivery-queue",
      "eventstack-audit-delivery-queue",
    ]);
    assert.equal(line.quantity, 6);
    assertUsd(amountOf(e, "SQS delivery requests"), 2.4, "6 M × $0.40");
    // 5 pollers × 2,628,000 s / 20 s = 657,000 receives per queue, 2 queues.
    assertUsd(amountOf(e, "SQS empty receives (Lambda poller)"), 0.5256, "1.314 M × $0.40");
    // The dead-letter queues still take 1% of the deliveries: 20,000 × $0.40 per million.
    assertUsd(amountOf(e, "SQS dead-letter messages"), 0.008, "0.02 M × $0.40");
  });

  it("prod: the state table, 2 reads and 3 write units per delivery, storage and PITR", () => {
    const e = awsEstimate(prod.resources, "eu-west-1");
    // applyOnce: GetItem record + GetItem document (2 KB: 1 read unit each); PutItem document
    // (1 KB payload + 1 KB bookkeeping: 2 write units) + PutItem record (1 write unit).
    assertUsd(amountOf(e, "DynamoDB read request units"), 0.5652, "4 M × $0.1413");
    assertUsd(amountOf(e, "DynamoDB write request units"), 4.2378, "6 M × $0.7063");
    const gb = (2e6 * (2048 * 12 + 256 * (86_400 / 2_628_000))) / 1024 ** 3;
    const storage = lineFor(e, "DynamoDB storage", "eventstack-state-table");
    assert.equal(storage.quantity, gb);
    assertUsd(storage.monthly, Number((gb * 0.283).toFixed(4)), "GB × $0.283");
    assertUsd(
      amountOf(e, "DynamoDB point-in-time recovery"),
      Number((gb * 0.2266).toFixed(4)),
      "GB × $0.2266",
    );
  });

  it("prod: VPC flow logs, 2 records of 130 bytes per delivery, vended ingestion", () => {
    const e = awsEstimate(prod.resources, "eu-west-1");
    const line = lineFor(e, "VPC flow logs (vended) ingestion", "eventstack-network-flow-log");
    assert.equal(line.quantity, (2e6 * 2 * 130) / 1024 ** 3);
    assertUsd(line.monthly, 0.276, "0.4843 GB × $0.57");
    assert.ok(line.resources.includes("eventstack-network-flow-logs"));
  });

  it("prod: keys, secret, alarms and dashboard", () => {
    const e = awsEstimate(prod.resources, "eu-west-1");
    assertUsd(amountOf(e, "KMS customer managed keys"), 2, "2 keys × $1");
    assertUsd(amountOf(e, "Secrets Manager secrets"), 0.4, "1 secret × $0.40");
    // 15 single-metric alarms (8 per consumer with its function-errors alarm, less the error
    // rate, plus the bus dead-letter depth) + 2 error-rate alarms over 2 metrics each = 19.
    assertUsd(amountOf(e, "CloudWatch alarms (standard resolution)"), 1.9, "19 × $0.10");
    assertUsd(amountOf(e, "CloudWatch dashboards"), 3, "1 × $3");
  });

  it("prod at 1 M events to 2 consumers: events, invocations, Arm duration, traces", () => {
    const e = awsEstimate(prod.resources, "eu-west-1");
    assertUsd(amountOf(e, "EventBridge custom events"), 1, "1 M events of 1.5 KB (one chunk)");
    assertUsd(amountOf(e, "Lambda requests"), 0.4, "2 M × $0.20");
    // orders: 1e6 × 0.1 s × 1 GB = 100,000 GB-s; audit: 1e6 × 0.1 s × 0.5 GB = 50,000 GB-s.
    const orders = lineFor(e, "Lambda duration (arm64)", "eventstack-orders-fn");
    assert.equal(orders.quantity, 100_000);
    assertUsd(orders.monthly, 1.3333, "100,000 × $0.0000133334");
    assertUsd(amountOf(e, "Lambda duration (arm64)"), 2.0, "150,000 GB-s × $0.0000133334");
    // 1 M invocations a month per function is 0.38/s: under the 1/s reservoir, all traced.
    assertUsd(amountOf(e, "X-Ray traces recorded"), 10, "2 M traces × $5");
  });

  it("X-Ray samples 1/s and 5% of the rest once a function passes 2,628,000 invocations", () => {
    assert.equal(sampledTraces(1e6), 1e6);
    assert.equal(sampledTraces(10_000_000), 2_628_000 + 0.05 * (10_000_000 - 2_628_000));
  });

  it("prod: Lambda logs at 90-day retention, 1 KB per invocation", () => {
    const e = awsEstimate(prod.resources, "eu-west-1");
    const gb = (2e6 * 1024) / 1024 ** 3;
    assertUsd(
      amountOf(e, "CloudWatch Logs ingestion"),
      Number((gb * 0.57).toFixed(4)),
      "GB × $0.57",
    );
    const storage = lineFor(e, "CloudWatch Logs storage", "eventstack-orders-logs");
    assert.equal(storage.quantity, gb * ((90 * 86_400) / 2_628_000));
  });

  it("dev on AWS: no NAT gateways, PITR or extra keys; alarms within the free 10 are still listed", () => {
    const e = awsEstimate(devOnAws.resources, devOnAws.config["aws:region"]);
    assert.equal(amountOf(e, "NAT gateway hours"), 0);
    assert.equal(amountOf(e, "DynamoDB point-in-time recovery"), 0);
    assert.ok(amountOf(e, "DynamoDB write request units") > 0);
    assert.ok(amountOf(e, "CloudWatch alarms (standard resolution)") > 0);
    assert.deepEqual(e.notEstimated, []);
  });

  it("an exported interface endpoint in 2 AZs and a deployed NAT gateway with its EIP, in us-east-1", () => {
    const resources = [
      resource("aws:ec2/vpcEndpoint:VpcEndpoint", "secrets", {
        vpcEndpointType: "Interface",
        serviceName: "com.amazonaws.us-east-1.secretsmanager",
        subnetIds: ["subnet-1", "subnet-2"],
      }),
      resource("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", {
        vpcEndpointType: "Gateway",
        serviceName: "com.amazonaws.us-east-1.s3",
      }),
      resource("aws:ec2/natGateway:NatGateway", "nat-a", { connectivityType: "public" }),
      resource("aws:ec2/eip:Eip", "nat-a-eip", { domain: "vpc" }),
      resource("awsx:ec2:Vpc", "vpc", { natGateways: { strategy: "OnePerAz" } }, false),
      resource("aws:ecs/service:Service", "web", { desiredCount: 2 }),
    ];
    const e = awsEstimate(resources, undefined);
    assert.equal(e.region, "us-east-1"); // from the resources' ARNs
    assertUsd(lineFor(e, "Interface endpoint hours", "secrets").monthly, 14.6, "2 × 730 × $0.01");
    assertUsd(lineFor(e, "NAT gateway hours", "nat-a").monthly, 32.85, "730 × $0.045");
    assertUsd(lineFor(e, "Public IPv4 addresses", "nat-a").monthly, 3.65, "730 × $0.005");
    assert.deepEqual(e.notEstimated, [
      {
        type: "aws:ecs/service:Service",
        names: ["web"],
        reason: "no price known for this resource type",
      },
    ]);
    assert.deepEqual(
      e.noCharge.map((g) => [g.type, g.reason]),
      [
        ["aws:ec2/vpcEndpoint:VpcEndpoint", "gateway endpoints have no charge"],
        ["awsx:ec2:Vpc", "component: its NAT gateways are priced"],
      ],
    );
  });
});
