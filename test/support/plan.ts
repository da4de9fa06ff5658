/**
 * Test helper: plans this repository's program for a shipped stack, with config overrides,
 * through the same mock runtime `npm run check` uses.
 */
import { resolve } from "node:path";
import { planStack, type Plan } from "../../policies/offline/plan";
import { loadStackConfig } from "../../policies/offline/stack-file";
import type { RecordedResource } from "../../policies/offline/mock-types";
import { projectBuild } from "./project-build";

export const PROJECT_DIR = resolve(__dirname, "../..");

/** A plan made once per process for its stack and overrides, and what it held when made. */
interface SharedPlan {
  readonly plan: Promise<Plan>;
  /** The plan's data as JSON once it is made; a later use checks it is still the same. */
  fingerprint?: string;
}

const plans = new Map<string, SharedPlan>();

/** Plans' data (functions and symbols are not data; the SDK's outputs hold some). */
const fingerprint = (p: Plan): string => JSON.stringify(p);

/**
 * A new plan of `stack` with `overrides`, never shared: what the benches time (a shared plan
 * would time the cache).
 */
export async function freshPlan(
  stack: "dev" | "prod",
  overrides: Record<string, string> = {},
): Promise<Plan> {
  await projectBuild();
  return planStack({ projectDir: PROJECT_DIR, stack, overrides });
}

/**
 * Plans `stack` (`dev` = gcp, `prod` = aws by default) with `overrides` applied to its config,
 * after the project's build (once per process; the AWS program packages `dist/lambda`).
 *
 * The same stack and overrides are planned once per process and the plan is shared: the program
 * is deterministic under the mock runtime, and a plan is read, never changed, by the tests. A
 * test that changed a shared plan would make every later use fail here, naming the plan (copy
 * what you mean to change). A plan that fails is not kept.
 */
export async function plan(
  stack: "dev" | "prod",
  overrides: Record<string, string> = {},
): Promise<Plan> {
  const key = JSON.stringify([
    stack,
    Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);
  const shared = plans.get(key);
  if (shared !== undefined) {
    const p = await shared.plan;
    if (shared.fingerprint !== undefined && fingerprint(p) !== shared.fingerprint) {
      throw new Error(`a test changed the shared plan of ${key}; change a copy of it instead`);
    }
    return p;
  }
  const entry: SharedPlan = { plan: freshPlan(stack, overrides) };
  plans.set(key, entry);
  try {
    const p = await entry.plan;
    entry.fingerprint = fingerprint(p);
    return p;
  } catch (err) {
    plans.delete(key);
    throw err;
  }
}

/** Structured config values are JSON text, as the engine passes them. */
export const json = (value: unknown): string => JSON.stringify(value);

/** The resources of one type. */
export function ofType(p: Plan, type: string): RecordedResource[] {
  return p.resources.filter((r) => r.type === type);
}

/** Exactly one resource of `type` whose name is `name`; throws otherwise. */
export function one(p: Plan, type: string, name: string): RecordedResource {
  const found = p.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    const names = ofType(p, type).map((r) => r.name);
    throw new Error(
      `expected one ${type} named ${name}, found ${found.length} (have: ${names.join(", ")})`,
    );
  }
  return found[0] as RecordedResource;
}

/** `n` consumers with distinct names and event types, for scale tests. */
export function manyConsumers(n: number): { name: string; eventTypes: string[] }[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `consumer-${String(i + 1).padStart(2, "0")}`,
    eventTypes: [`com.example.load${i + 1}.created.v1`],
  }));
}

/**
 * Config overrides for a stack of `n` generated consumers on `cloud`. On GCP, each consumer's
 * instances take 4 addresses of the egress range (100 instances in prod), so the range grows with
 * the consumers: a /17 holds 25 consumers, and contains the shipped prod range (10.8.0.0/20).
 */
export function loadOverrides(cloud: "gcp" | "aws", n: number): Record<string, string> {
  return {
    "eventstack:cloud": cloud,
    "eventstack:consumers": json(manyConsumers(n)),
    ...(cloud === "gcp" ? { "eventstack:vpcEgressRange": "10.8.0.0/17" } : {}),
  };
}

/**
 * Overrides that give the shipped stack's `consumer` the secret `secret` with a value, as a team
 * would after `pulumi config set --secret --path 'eventstack:secretValues.<secret>' <value>` (the
 * shipped stacks reference no secret: a consumer may read one only once it has a value).
 */
export function withSecret(
  stack: "dev" | "prod",
  value = "test-backend-key",
  consumer = "orders",
  secret = "orders-api-key",
): Record<string, string> {
  const raw = loadStackConfig(PROJECT_DIR, stack).config["eventstack:consumers"] ?? "[]";
  const consumers = (JSON.parse(raw) as Record<string, unknown>[]).map((c) =>
    c.name === consumer ? { ...c, secret } : c,
  );
  return {
    "eventstack:consumers": json(consumers),
    "eventstack:secretValues": json({ [secret]: value }),
  };
}
