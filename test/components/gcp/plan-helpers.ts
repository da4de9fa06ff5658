/**
 * Lookups over a planned GCP stack, for the platform tests.
 */
import assert from "node:assert/strict";
import type { Plan } from "../../../policies/offline/plan";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { ofType, one } from "../../support/plan";

export const T = {
  service: "gcp:projects/service:Service",
  identity: "gcp:projects/serviceIdentity:ServiceIdentity",
  topic: "gcp:pubsub/topic:Topic",
  subscription: "gcp:pubsub/subscription:Subscription",
  topicIam: "gcp:pubsub/topicIAMMember:TopicIAMMember",
  subscriptionIam: "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
  account: "gcp:serviceaccount/account:Account",
  accountIam: "gcp:serviceaccount/iAMMember:IAMMember",
  run: "gcp:cloudrunv2/service:Service",
  runIam: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
  secret: "gcp:secretmanager/secret:Secret",
  secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
  secretIam: "gcp:secretmanager/secretIamMember:SecretIamMember",
  keyRing: "gcp:kms/keyRing:KeyRing",
  key: "gcp:kms/cryptoKey:CryptoKey",
  keyIam: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  channel: "gcp:monitoring/notificationChannel:NotificationChannel",
  alert: "gcp:monitoring/alertPolicy:AlertPolicy",
  dashboard: "gcp:monitoring/dashboard:Dashboard",
  repository: "gcp:artifactregistry/repository:Repository",
  image: "docker-build:index:Image",
  network: "gcp:compute/network:Network",
  subnet: "gcp:compute/subnetwork:Subnetwork",
  sleep: "time:index/sleep:Sleep",
} as const;

/** Plan-time inputs of a resource, as a loosely typed record. */
export type Inputs = Record<string, unknown>;

/** The inputs of the one resource of `type` named `name`. */
export function inputsOf(p: Plan, type: string, name: string): Inputs {
  return one(p, type, name).inputs;
}

/** An output of the one resource of `type` named `name`, which must be a string. */
export function outputOf(p: Plan, type: string, name: string, key: string): string {
  const value = one(p, type, name).outputs[key];
  assert.equal(typeof value, "string", `${type} ${name} has no string output ${key}`);
  return value as string;
}

/** A nested value by dotted path (`template.containers.0.envs`). */
export function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => {
    if (v === null || typeof v !== "object") return undefined;
    return (v as Record<string, unknown>)[key];
  }, value);
}

/** The provider id of the one resource of `type` named `name`. */
export function idOf(p: Plan, type: string, name: string): string {
  const id = one(p, type, name).id;
  assert.equal(typeof id, "string", `${type} ${name} has no id`);
  return id as string;
}

/** Resource names of a type, sorted. */
export function names(p: Plan, type: string): string[] {
  return ofType(p, type)
    .map((r) => r.name)
    .sort();
}

/** Every IAM-member resource of the plan (any `*IamMember` / `*IAMMember` type). */
export function iamMembers(p: Plan): RecordedResource[] {
  return p.resources.filter((r) => /iam(member|binding|policy)$/i.test(r.type));
}

/** `role member` lines of every grant, sorted, for whole-plan comparisons. */
export function grants(p: Plan): string[] {
  return iamMembers(p)
    .map(
      (r) =>
        `${r.type.split(":")[1]} ${r.name}: ${String(r.inputs.role)} ${String(r.inputs.member)}`,
    )
    .sort();
}
