/**
 * AWS list prices (USD) for the resources eventstack deploys, as read from the official pricing
 * pages, for US East (N. Virginia) and Europe (Ireland). Where the two differ (NAT gateways,
 * interface endpoints, CloudWatch Logs ingestion) there is a row per region.
 */
import type { PriceRow, PriceTable } from "./price-table";

const BOTH = ["eu-west-1", "us-east-1"] as const;
const READ = "2026-12-02";
const LAMBDA = "https://aws.amazon.com/lambda/pricing/";
const EVENTBRIDGE = "https://aws.amazon.com/eventbridge/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const VPC = "https://aws.amazon.com/vpc/pricing/";
const PRIVATELINK = "https://aws.amazon.com/privatelink/pricing/";
const DYNAMODB = "https://aws.amazon.com/dynamodb/pricing/on-demand/";

const both = (row: Omit<PriceRow, "regions" | "read">): PriceRow => ({
  ...row,
  regions: BOTH,
  read: READ,
});
const perRegion = (
  row: Omit<PriceRow, "regions" | "read" | "price">,
  prices: { readonly "eu-west-1": number; readonly "us-east-1": number },
): PriceRow[] =>
  Object.entries(prices).map(([region, price]) => ({
    ...row,
    price,
    regions: [region],
    read: READ,
  }));

const rows: readonly PriceRow[] = [
  // Custom events: "$1.00/million events"; each 64 KB chunk of a payload counts as one event.
  // Delivery to targets in the same account is not charged.
  both({ id: "eventbridge-events", price: 1, unit: "million events", source: EVENTBRIDGE }),
  both({ id: "eventbridge-archive-processing", price: 0.1, unit: "GB", source: EVENTBRIDGE }),
  both({ id: "eventbridge-archive-storage", price: 0.023, unit: "GB-month", source: EVENTBRIDGE }),
  both({
    id: "lambda-requests",
    price: 0.2,
    unit: "million requests",
    source: LAMBDA,
    free: { quantity: 1, scope: "per account" },
  }),
  both({
    id: "lambda-duration-arm64",
    price: 0.0000133334,
    unit: "GB-second",
    source: LAMBDA,
    free: { quantity: 400_000, scope: "per account", pool: "lambda-duration" },
  }),
  both({
    id: "lambda-duration-x86_64",
    price: 0.0000166667,
    unit: "GB-second",
    source: LAMBDA,
    free: { quantity: 400_000, scope: "per account", pool: "lambda-duration" },
  }),
  both({
    // Standard queues; every 64 KB chunk of a payload is one request.
    id: "sqs-requests",
    price: 0.4,
    unit: "million requests",
    source: "https://aws.amazon.com/sqs/pricing/",
    free: { quantity: 1, scope: "per account" },
  }),
  both({
    id: "kms-key",
    price: 1,
    unit: "key-month",
    source: "https://aws.amazon.com/kms/pricing/",
  }),
  both({
    id: "secretsmanager-secret",
    price: 0.4,
    unit: "secret-month",
    source: "https://aws.amazon.com/secrets-manager/pricing/",
  }),
  both({
    id: "cloudwatch-alarm-standard",
    price: 0.1,
    unit: "alarm metric-month",
    source: CLOUDWATCH,
    free: { quantity: 10, scope: "per account" },
  }),
  both({
    id: "cloudwatch-alarm-high-resolution",
    price: 0.3,
    unit: "alarm metric-month",
    source: CLOUDWATCH,
  }),
  both({
    id: "cloudwatch-dashboard",
    price: 3,
    unit: "dashboard-month",
    source: CLOUDWATCH,
    free: { quantity: 3, scope: "per account" },
  }),
  ...perRegion(
    {
      id: "cloudwatch-logs-ingestion",
      unit: "GB",
      source: CLOUDWATCH,
      free: { quantity: 5, scope: "per account (ingestion and storage together)", pool: "logs" },
    },
    { "eu-west-1": 0.57, "us-east-1": 0.5 },
  ),
  both({
    id: "cloudwatch-logs-storage",
    price: 0.03,
    unit: "GB-month",
    source: CLOUDWATCH,
    free: { quantity: 5, scope: "per account (ingestion and storage together)", pool: "logs" },
  }),
  both({
    id: "xray-traces",
    price: 5,
    unit: "million traces recorded",
    source: "https://aws.amazon.com/xray/pricing/",
    free: { quantity: 0.1, scope: "per account" },
  }),
  ...perRegion(
    { id: "nat-gateway-hour", unit: "NAT gateway-hour", source: VPC },
    {
      "eu-west-1": 0.048,
      "us-east-1": 0.045,
    },
  ),
  ...perRegion(
    { id: "nat-gateway-data", unit: "GB processed", source: VPC },
    {
      "eu-west-1": 0.048,
      "us-east-1": 0.045,
    },
  ),
  // Every public IPv4 address, including a NAT gateway's Elastic IP.
  both({ id: "public-ipv4-hour", price: 0.005, unit: "IP-hour", source: VPC }),
  ...perRegion(
    { id: "interface-endpoint-hour", unit: "endpoint-AZ-hour", source: PRIVATELINK },
    {
      "eu-west-1": 0.011,
      "us-east-1": 0.01,
    },
  ),
  both({ id: "interface-endpoint-data", price: 0.01, unit: "GB processed", source: PRIVATELINK }),
  // VPC flow logs are "vended logs"; delivered to CloudWatch Logs their first 10 TB a month are
  // priced per GB like standard ingestion. The tier's per-region amounts were not in the page
  // excerpts found when this row was written: taken at the standard ingestion price, unconfirmed.
  ...perRegion(
    { id: "cloudwatch-vended-logs-ingestion", unit: "GB", source: CLOUDWATCH },
    { "eu-west-1": 0.57, "us-east-1": 0.5 },
  ),
  // On-demand tables. The page defines the units (a strongly consistent read of up to 4 KB is one
  // read request unit, a standard write of up to 1 KB one write request unit); the amounts below
  // are the page's after its November 2024 reduction, not shown in the excerpts found when these
  // rows were written (us-east-1's $0.625 / $0.125 are confirmed only by third-party copies):
  // unconfirmed, check before relying on them.
  ...perRegion(
    { id: "dynamodb-write-request", unit: "million write request units", source: DYNAMODB },
    { "eu-west-1": 0.7063, "us-east-1": 0.625 },
  ),
  ...perRegion(
    { id: "dynamodb-read-request", unit: "million read request units", source: DYNAMODB },
    { "eu-west-1": 0.1413, "us-east-1": 0.125 },
  ),
  // Standard table class; the first 25 GB a month are free per account and region. Ireland's
  // $0.283 is confirmed only by a third-party copy of the page: unconfirmed.
  ...perRegion(
    {
      id: "dynamodb-storage",
      unit: "GB-month",
      source: DYNAMODB,
      free: { quantity: 25, scope: "per account and region" },
    },
    { "eu-west-1": 0.283, "us-east-1": 0.25 },
  ),
  // Continuous backups (point-in-time recovery), per GB-month of table size: unconfirmed.
  ...perRegion(
    { id: "dynamodb-pitr", unit: "GB-month", source: DYNAMODB },
    { "eu-west-1": 0.2266, "us-east-1": 0.2 },
  ),
];

/** The AWS price table. */
export const AWS_PRICES: PriceTable = { cloud: "aws", rows };
