/**
 * A stack of mixed consumers, as a team would configure it: the sample `orders`, the repository's
 * second sample `audit` (an audit-log projection with its own code) and, on each cloud, a
 * consumer running a prebuilt image pinned by digest. Planned through `plan()`, checked against
 * the pack (with the stack's own policy config) and the deployability rules.
 */
import { checkDeployability } from "../../policies/deployability";
import { evaluatePolicies, policyConfigForStack } from "../../policies/offline/evaluate";
import type { Plan } from "../../policies/offline/plan";
import { json } from "./plan";

const DIGEST = "c".repeat(64);

/** The audit sample's build outputs (the app's build contract). */
export const AUDIT = {
  dockerfile: "app/audit/Dockerfile",
  lambdaDir: "dist/audit-lambda",
  handler: "index.queueHandler",
} as const;

export const GCP_PREBUILT = `europe-docker.pkg.dev/acme-shared/teams/ledger@sha256:${DIGEST}`;
export const ECR_PREBUILT = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/teams/ledger@sha256:${DIGEST}`;

const TYPES = ["com.example.order.placed.v1", "com.example.order.cancelled.v1"];

/** `eventstack:consumers` for `cloud`: the sample, the audit sample's own code, a prebuilt one. */
export function mixedConsumers(cloud: "gcp" | "aws"): Record<string, string> {
  return {
    "eventstack:consumers": json([
      { name: "orders", eventTypes: TYPES },
      {
        name: "audit",
        eventTypes: [...TYPES, "com.example.order.shipped.v1"],
        code:
          cloud === "gcp"
            ? { context: ".", dockerfile: AUDIT.dockerfile }
            : { directory: AUDIT.lambdaDir, handler: AUDIT.handler },
        env: { AUDIT_RETENTION_DAYS: "90" },
      },
      {
        name: "ledger",
        eventTypes: ["com.example.order.shipped.v1"],
        code: { image: cloud === "gcp" ? GCP_PREBUILT : ECR_PREBUILT },
      },
    ]),
  };
}

/** Open mandatory policy findings and deployability findings of a plan, as one-line strings. */
export async function mandatoryAndDeployability(
  p: Plan,
  stack: "dev" | "prod",
): Promise<{ mandatory: string[]; deployability: string[] }> {
  const violations = await evaluatePolicies(p.resources, {
    stack: p.stack,
    project: p.project,
    config: policyConfigForStack(stack),
  });
  const mandatory = violations
    .filter((v) => v.enforcementLevel === "mandatory" && v.exemption === undefined)
    .map((v) => `${v.policy} ${v.urn}: ${v.message}`);
  const deployability = checkDeployability(p.resources, {
    source: "plan",
    lambdaConcurrencyLimit: 1000,
    lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit's default",
  }).map((f) => `${f.rule}: ${f.message}`);
  return { mandatory, deployability };
}
