/**
 * Reading an AWS plan in tests: typed access to the recorded inputs, policies decoded from their
 * JSON text, and the resources a component owns.
 */
import assert from "node:assert/strict";
import type { Plan } from "../../../policies/offline/plan";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { one, ofType } from "../../support/plan";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";

/** Shorthands for the resource types of the AWS platform. */
export const T = {
  provider: "pulumi:providers:aws",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  bus: "aws:cloudwatch/eventBus:EventBus",
  archive: "aws:cloudwatch/eventArchive:EventArchive",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  fn: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
  invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  secret: "aws:secretsmanager/secret:Secret",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  vpc: "awsx:ec2:Vpc",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
} as const;

/** The recorded inputs of the one resource of `type` named `name`. */
export function inputs(p: Plan, type: string, name: string): Record<string, unknown> {
  return one(p, type, name).inputs;
}

/** The recorded outputs (inputs plus mocked provider state) of one resource. */
export function outputs(p: Plan, type: string, name: string): Record<string, unknown> {
  return one(p, type, name).outputs;
}

/** An input holding JSON text (policies, patterns, dashboard bodies), decoded. */
export function jsonInput(p: Plan, type: string, name: string, key: string): unknown {
  const text = inputs(p, type, name)[key];
  assert.equal(typeof text, "string", `${name}.${key} is not JSON text`);
  return JSON.parse(text as string) as unknown;
}

/** A string output of one resource. */
export function str(p: Plan, type: string, name: string, key: string): string {
  const value = outputs(p, type, name)[key];
  assert.equal(typeof value, "string", `${name}.${key} is not a string`);
  return value as string;
}

/** Custom resources of the AWS provider (and awsx). */
export function awsResources(p: Plan): RecordedResource[] {
  return p.resources.filter((r) => r.type.startsWith("aws:") || r.type.startsWith("awsx:"));
}

/** Names of the resources of a type, sorted. */
export function namesOf(p: Plan, type: string): string[] {
  return ofType(p, type)
    .map((r) => r.name)
    .sort();
}
