import assert from "node:assert/strict";
import {
  distinctSlug,
  fitName,
  NAME_LIMITS,
  nameSlug,
  platformNames,
} from "../../../components/aws/names";

describe("aws names", () => {
  describe("fitName", () => {
    const cases: { base: string; max: number; expected: string | RegExp }[] = [
      { base: "eventstack-prod-orders", max: 64, expected: "eventstack-prod-orders" },
      { base: "a".repeat(64), max: 64, expected: "a".repeat(64) },
      { base: "a".repeat(65), max: 64, expected: /^a{56}-[0-9a-f]{7}$/ },
      // A hyphen at the cut is dropped rather than doubled.
      { base: `${"b".repeat(55)}-${"c".repeat(20)}`, max: 64, expected: /^b{55}-[0-9a-f]{7}$/ },
    ];
    for (const { base, max, expected } of cases) {
      it(`fits a ${base.length}-character name into ${max}`, () => {
        const fitted = fitName(base, max);
        assert.ok(fitted.length <= max, `${fitted} is ${fitted.length} characters`);
        if (typeof expected === "string") assert.equal(fitted, expected);
        else assert.match(fitted, expected);
      });
    }

    it("keeps two long names that share their beginning distinct", () => {
      const common = "x".repeat(70);
      assert.notEqual(fitName(`${common}-one`, 64), fitName(`${common}-two`, 64));
    });
  });

  describe("nameSlug", () => {
    const cases: [string, string][] = [
      ["prod", "prod"],
      ["Team_A.Prod", "team-a-prod"],
      ["--dev--", "dev"],
      ["a//b", "a-b"],
    ];
    for (const [input, expected] of cases) {
      it(`turns ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => {
        assert.equal(nameSlug(input), expected);
      });
    }
  });

  describe("platformNames", () => {
    it("derives every name from the component and the stack", () => {
      const names = platformNames("eventstack", "prod");
      assert.equal(names.prefix, "eventstack-prod");
      assert.equal(names.bus, "eventstack-prod");
      assert.equal(names.archive, "eventstack-prod-archive");
      assert.equal(names.busDeadLetterQueue, "eventstack-prod-bus-dlq");
      assert.equal(names.alertTopic, "eventstack-prod-alerts");
      assert.equal(names.dashboard, "eventstack-prod");
      assert.equal(names.alertsKeyAlias, "eventstack-prod-alerts");
      assert.equal(names.dataKeyAlias, "eventstack-prod-data");
      assert.equal(names.secret("orders-api-key"), "eventstack-prod/orders-api-key");
      assert.deepEqual(names.consumer("orders"), {
        consumer: "orders",
        function: "eventstack-prod-orders",
        role: "eventstack-prod-orders-role",
        rule: "eventstack-prod-orders",
        deadLetterQueue: "eventstack-prod-orders-dlq",
        queue: "eventstack-prod-orders-queue",
        logGroup: "/aws/lambda/eventstack-prod-orders",
        alarmPrefix: "eventstack-prod-orders",
      });
    });

    // Before: both stacks of each pair slugged to one prefix and shared every physical name.
    const alike: [string, string][] = [
      ["Prod", "prod"],
      ["prod.eu", "prod-eu"],
      ["prod_eu", "prod-eu"],
      ["Team.Prod", "team-prod"],
    ];
    for (const [a, b] of alike) {
      it(`gives stacks ${a} and ${b}, which slug alike, different physical names`, () => {
        const [x, y] = [platformNames("eventstack", a), platformNames("eventstack", b)];
        assert.notEqual(x.prefix, y.prefix);
        assert.notEqual(x.bus, y.bus);
        assert.notEqual(x.consumer("orders").function, y.consumer("orders").function);
        assert.match(x.prefix, /^eventstack-[a-z0-9-]+$/);
      });
    }

    it("keeps the released names of stacks already in slug form", () => {
      assert.equal(distinctSlug("prod"), "prod");
      assert.equal(distinctSlug("prod-eu"), "prod-eu");
      assert.match(distinctSlug("Prod"), /^prod-[0-9a-f]{7}$/);
    });

    it("keeps names within AWS limits and unique for a long stack name and 25 long consumer names", () => {
      const names = platformNames("eventstack", "customer-facing-production-eu-west-1-blue");
      const consumers = Array.from(
        { length: 25 },
        (_, i) => `consumer-name-long-${String(i).padStart(2, "0")}`,
      );
      assert.ok(names.archive.length <= NAME_LIMITS.archive, names.archive);
      const all = consumers.map((c) => names.consumer(c));
      for (const n of all) {
        assert.ok(n.function.length <= NAME_LIMITS.function, n.function);
        assert.ok(n.role.length <= NAME_LIMITS.role, n.role);
        assert.ok(n.rule.length <= NAME_LIMITS.rule, n.rule);
        assert.ok(n.deadLetterQueue.length <= NAME_LIMITS.queue, n.deadLetterQueue);
        assert.equal(n.logGroup, `/aws/lambda/${n.function}`);
      }
      for (const field of ["function", "role", "rule", "deadLetterQueue", "alarmPrefix"] as const) {
        assert.equal(
          new Set(all.map((n) => n[field])).size,
          consumers.length,
          `${field} names collide`,
        );
      }
    });
  });
});
