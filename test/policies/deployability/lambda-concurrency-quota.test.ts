import assert from "node:assert/strict";
import { lambdaConcurrencyQuota } from "../../../policies/deployability/rules/lambda-concurrency-quota";
import { PLAN, res, run } from "./support";

const fn = (name: string, reserved: number) =>
  res("aws:lambda/function:Function", `eventstack-${name}-fn`, {
    name: `eventstack-prod-${name}`,
    reservedConcurrentExecutions: reserved,
  });

describe("deployability-lambda-concurrency-quota", () => {
  it("Noncompliance 1: twelve consumers reserving 100 each against AWS's standard 1000", () => {
    const fns = Array.from({ length: 12 }, (_, i) => fn(`c${i + 1}`, 100));
    const found = lambdaConcurrencyQuota.check(fns, PLAN);
    assert.equal(found.length, 1);
    const msg = found[0]?.message ?? "";
    assert.match(msg, /sums to 1200 over 12 functions/);
    assert.match(msg, /account limit of 1000 concurrent executions/);
    assert.match(msg, /leaves at most 900 to reserve/);
    assert.match(msg, /L-B99A9384/);
    assert.equal(found[0]?.related?.length, 11);
  });

  it("Noncompliance 2: a new account's limit of 50 leaves nothing to reserve", () => {
    const found = run(lambdaConcurrencyQuota, [fn("orders", 1)], {
      ...PLAN,
      lambdaConcurrencyLimit: 50,
      lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit",
    });
    assert.match(found[0] ?? "", /leaves at most 0 to reserve/);
  });

  it("Compliance 1: exactly the limit minus the 100 Lambda keeps", () => {
    assert.deepEqual(run(lambdaConcurrencyQuota, [fn("a", 800), fn("b", 100)]), []);
  });

  it("Compliance 2: functions without a reservation (-1) do not count", () => {
    const many = Array.from({ length: 30 }, (_, i) => fn(`u${i}`, -1));
    assert.deepEqual(run(lambdaConcurrencyQuota, many), []);
  });
});
