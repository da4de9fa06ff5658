import assert from "node:assert/strict";
import { fit, NAME_LIMITS, platformNames, runAudience, slug } from "../../../components/gcp/naming";
import { manyConsumers } from "../../support/plan";

const SERVICE_ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
const CLOUD_RUN_NAME = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;

describe("gcp naming", () => {
  describe("slug", () => {
    const cases: [string, string][] = [
      ["eventstack-dev", "eventstack-dev"],
      ["Eventstack-Prod_EU", "eventstack-prod-eu"],
      ["eventstack-org/team.stack", "eventstack-org-team-stack"],
      ["eventstack--a--", "eventstack-a"],
      ["42-stack", "stack"],
      ["???", "x"],
    ];
    for (const [input, expected] of cases) {
      it(`turns ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => {
        assert.equal(slug(input), expected);
      });
    }
  });

  describe("fit", () => {
    it("keeps a name that fits unchanged", () => {
      assert.equal(fit("eventstack-dev-orders", 49), "eventstack-dev-orders");
    });

    it("cuts a long name to the limit and ends it with a hash of the whole name", () => {
      const long = `eventstack-${"a".repeat(60)}-orders`;
      const fitted = fit(long, 49);
      assert.equal(fitted.length, 49);
      assert.match(fitted, /^eventstack-a+-[0-9a-f]{6}$/);
    });

    it("keeps two long names with the same beginning apart", () => {
      const head = `eventstack-${"b".repeat(50)}`;
      assert.notEqual(fit(`${head}-orders`, 49), fit(`${head}-audit`, 49));
    });
  });

  it("names every resource of a consumer from the component, the stack and the consumer", () => {
    const names = platformNames("eventstack", "dev");
    assert.equal(names.topic, "eventstack-dev-events");
    assert.equal(names.repositoryFor(false), "eventstack-dev-images");
    assert.equal(names.repositoryFor(true), "eventstack-dev-images-cmek");
    assert.equal(names.network, "eventstack-dev-vpc");
    assert.equal(names.subnet, "eventstack-dev-run-egress");
    assert.equal(names.secretFor("orders-api-key", false), "eventstack-dev-orders-api-key");
    assert.equal(names.secretFor("orders-api-key", true), "eventstack-dev-orders-api-key-cmek");
    const orders = names.consumer("orders", 'attributes.ce-type = "a.b.v1"');
    assert.equal(orders.service, "eventstack-dev-orders");
    assert.match(orders.subscription, /^eventstack-dev-orders-push-[0-9a-f]{6}$/);
    assert.equal(orders.deadLetterTopic, "eventstack-dev-orders-dlq");
    assert.equal(orders.deadLetterSubscription, "eventstack-dev-orders-dlq-sub");
    assert.match(orders.runtimeAccountId, /^orders-run-[0-9a-f]{4}$/);
    assert.match(orders.pushAccountId, /^orders-push-[0-9a-f]{4}$/);
  });

  describe("service account ids stay within 6-30 characters", () => {
    const consumers = ["a", "ab", "orders", "a".repeat(20), "consumer-with-20-chr"];
    for (const consumer of consumers) {
      it(`for consumer ${JSON.stringify(consumer)} (${consumer.length} characters)`, () => {
        const names = platformNames("eventstack", "production-eu-west-1").consumer(consumer, "f");
        for (const id of [names.runtimeAccountId, names.pushAccountId]) {
          assert.match(id, SERVICE_ACCOUNT_ID);
          assert.ok(
            id.length >= NAME_LIMITS.serviceAccountMin && id.length <= NAME_LIMITS.serviceAccount,
            id,
          );
        }
      });
    }
  });

  it("gives the same consumer different service accounts in different stacks", () => {
    const dev = platformNames("eventstack", "dev").consumer("orders", "f");
    const prod = platformNames("eventstack", "prod").consumer("orders", "f");
    assert.notEqual(dev.runtimeAccountId, prod.runtimeAccountId);
    assert.notEqual(dev.pushAccountId, prod.pushAccountId);
  });

  it("keeps 25 twenty-character consumers in a long stack name unique and within every limit", () => {
    const names = platformNames("eventstack", `team-${"x".repeat(60)}`);
    const consumers = manyConsumers(25).map((c) => `${c.name}-abcdefgh`);
    assert.ok(consumers.every((c) => c.length === 20));
    const all = consumers.map((c) => names.consumer(c, "f"));
    const columns: [keyof (typeof all)[number], number, RegExp][] = [
      ["service", NAME_LIMITS.service, CLOUD_RUN_NAME],
      ["runtimeAccountId", NAME_LIMITS.serviceAccount, SERVICE_ACCOUNT_ID],
      ["pushAccountId", NAME_LIMITS.serviceAccount, SERVICE_ACCOUNT_ID],
      ["subscription", NAME_LIMITS.pubsub, /^[a-z][-a-z0-9]+$/],
      ["deadLetterTopic", NAME_LIMITS.pubsub, /^[a-z][-a-z0-9]+$/],
      ["deadLetterSubscription", NAME_LIMITS.pubsub, /^[a-z][-a-z0-9]+$/],
    ];
    for (const [column, limit, pattern] of columns) {
      const values = all.map((n) => n[column]);
      assert.equal(new Set(values).size, values.length, `${column} names repeat`);
      for (const v of values) {
        assert.ok(v.length <= limit, `${column} ${v} is longer than ${limit}`);
        assert.match(v, pattern);
      }
    }
    const accounts = all.flatMap((n) => [n.runtimeAccountId, n.pushAccountId]);
    assert.equal(new Set(accounts).size, 50);
  });

  it("derives the push audience from the service's deterministic URL", () => {
    assert.equal(
      runAudience("eventstack-dev-orders", "482901735528", "europe-west1"),
      "https://eventstack-dev-orders-482901735528.europe-west1.run.app",
    );
  });
});
