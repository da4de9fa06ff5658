/**
 * Reserved concurrency is carved out of the account's per-region concurrency quota, and Lambda
 * keeps 100 of it unreserved: "You can reserve up to the Unreserved account concurrency value that
 * is shown, minus 100 for functions that don't have reserved concurrency"
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html). Beyond that,
 * PutFunctionConcurrency fails with "Specified ReservedConcurrentExecutions for function decreases
 * account's UnreservedConcurrentExecution below its minimum value of [100]".
 */
import type { RecordedResource } from "../../../policies/offline/mock-types";
import type { DeployabilityFinding, DeployabilityRule } from "../rule";
import { numberAt, propertiesOf, providerOf, stringAt } from "../values";

const NAME = "deployability-lambda-concurrency-quota";

/** What Lambda keeps unreserved in every account and region. */
export const UNRESERVED_MINIMUM = 100;
const DOC = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html";
const QUOTAS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";

export const lambdaConcurrencyQuota: DeployabilityRule = {
  meta: {
    name: NAME,
    description:
      "The reserved concurrency of a stack's Lambda functions, summed per region, leaves the account's 100 unreserved executions.",
    remediationSteps:
      "Lower reservedConcurrency of some consumers, or raise the account's 'Concurrent executions' quota (Service Quotas, code L-B99A9384) and set eventstack:lambdaConcurrencyLimit to the new quota.",
    sources: [DOC, QUOTAS],
    appliesTo: ["plan", "state"],
  },
  check(resources, ctx) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const byRegion = new Map<string, { fn: RecordedResource; reserved: number }[]>();
    for (const r of resources) {
      if (r.type !== "aws:lambda/function:Function") continue;
      const reserved = numberAt(propertiesOf(r), "reservedConcurrentExecutions");
      if (reserved === undefined || reserved < 0) continue; // -1: no reservation
      const provider = providerOf(r, byUrn);
      const region = (provider && stringAt(provider.inputs, "region")) ?? "the default region";
      const list = byRegion.get(region) ?? [];
      list.push({ fn: r, reserved });
      byRegion.set(region, list);
    }
    const room = ctx.lambdaConcurrencyLimit - UNRESERVED_MINIMUM;
    const findings: DeployabilityFinding[] = [];
    for (const [region, fns] of byRegion) {
      const sum = fns.reduce((n, f) => n + f.reserved, 0);
      if (sum <= room) continue;
      const detail = fns.map((f) => `${f.fn.name} ${f.reserved}`).join(", ");
      const last = fns[fns.length - 1];
      if (last === undefined) continue;
      findings.push({
        rule: NAME,
        urn: last.fn.urn,
        related: fns.slice(0, -1).map((f) => f.fn.urn),
        message:
          `reserved concurrency in ${region} sums to ${sum} over ${fns.length} functions (${detail}), ` +
          `but an account limit of ${ctx.lambdaConcurrencyLimit} concurrent executions ` +
          `(${ctx.lambdaConcurrencyLimitSource}) leaves at most ${Math.max(room, 0)} to reserve: ` +
          `Lambda keeps ${UNRESERVED_MINIMUM} unreserved (${DOC}). Lower reservedConcurrency, or raise ` +
          `the quota (Service Quotas → AWS Lambda → Concurrent executions, L-B99A9384) and set ` +
          `eventstack:lambdaConcurrencyLimit to it.`,
      });
    }
    return findings;
  },
};
