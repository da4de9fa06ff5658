import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../components/config-errors";
import { DEFAULTS, parseConfig, type PlatformConfig } from "../../components/config";

const consumers = [
  { name: "orders", eventTypes: ["com.example.order.placed.v1"], secret: "orders-api-key" },
];

/** A valid dev/gcp config as the engine passes it: every value a string, structured ones JSON. */
function base(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const raw: Record<string, string | undefined> = {
    "eventstack:cloud": "gcp",
    "eventstack:environment": "dev",
    "eventstack:alertEmail": "oncall@example.com",
    "eventstack:consumers": JSON.stringify(consumers),
    "eventstack:secrets": JSON.stringify(["orders-api-key"]),
    "eventstack:secretValues": JSON.stringify({ "orders-api-key": "s3cr3t" }),
    "gcp:project": "acme-events-dev",
    "gcp:region": "europe-west1",
    "aws:region": "eu-west-1",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

function parse(overrides: Record<string, string | undefined> = {}): PlatformConfig {
  return parseConfig(base(overrides), { stack: "dev" });
}

/** Parses and returns the problem messages; fails if the config was accepted. */
function problems(overrides: Record<string, string | undefined>): string[] {
  try {
    parse(overrides);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.problems.map((p) => p.message);
  }
  assert.fail("config was accepted");
}

const consumerWith = (extra: Record<string, unknown>) =>
  JSON.stringify([{ ...consumers[0], ...extra }]);

describe("config model", () => {
  describe("accepts a valid stack", () => {
    it("applies the dev defaults to every consumer", () => {
      const cfg = parse();
      assert.equal(cfg.cloud, "gcp");
      assert.deepEqual(cfg.location, {
        cloud: "gcp",
        project: "acme-events-dev",
        region: "europe-west1",
      });
      const [orders] = cfg.consumers;
      assert.deepEqual(orders, {
        name: "orders",
        eventTypes: ["com.example.order.placed.v1"],
        minInstances: 0,
        maxInstances: 100,
        concurrency: 80,
        memoryMb: 512,
        timeoutSeconds: 60,
        reservedConcurrency: undefined,
        maxDeliveryAttempts: 5,
        maxEventAgeSeconds: 3600,
        secret: "orders-api-key",
        code: { kind: "sample" },
        env: {},
      });
      assert.equal(cfg.customerManagedKeys, false);
      assert.equal(cfg.privateNetworking, false);
    });

    it("applies the production defaults from the platform design in prod", () => {
      const cfg = parse({ "eventstack:environment": "prod", "eventstack:cloud": "aws" });
      const [orders] = cfg.consumers;
      // No default reservation: a fresh account with a lowered quota accepts every function.
      assert.equal(orders?.reservedConcurrency, undefined);
      assert.equal(orders?.memoryMb, 1024);
      assert.equal(orders?.timeoutSeconds, 300);
      assert.equal(orders?.maxInstances, 100);
      assert.equal(orders?.concurrency, 80);
      assert.equal(cfg.customerManagedKeys, true);
      assert.deepEqual(cfg.location, { cloud: "aws", region: "eu-west-1" });
    });

    it("alerts on error rate > 5% over 5 minutes and delay > 60 s by default", () => {
      assert.deepEqual(parse().alerting, {
        email: "oncall@example.com",
        errorRatePercent: 5,
        windowMinutes: 5,
        maxProcessingDelaySeconds: 60,
      });
    });

    it("keeps explicit values over defaults", () => {
      const cfg = parse({
        "eventstack:consumers": consumerWith({
          maxInstances: 3,
          memoryMb: 2048,
          maxDeliveryAttempts: 20,
        }),
        "eventstack:customerManagedKeys": "true",
        "eventstack:alertErrorRatePercent": "2",
      });
      assert.equal(cfg.consumers[0]?.maxInstances, 3);
      assert.equal(cfg.consumers[0]?.memoryMb, 2048);
      assert.equal(cfg.consumers[0]?.maxDeliveryAttempts, 20);
      assert.equal(cfg.customerManagedKeys, true);
      assert.equal(cfg.alerting.errorRatePercent, 2);
    });

    it("merges user labels with the platform's own", () => {
      const cfg = parse({ "eventstack:labels": JSON.stringify({ team: "platform" }) });
      assert.deepEqual(cfg.labels, {
        team: "platform",
        environment: "dev",
        stack: "dev",
        "managed-by": "eventstack",
      });
    });

    it("wraps secret values as Pulumi secrets", async () => {
      const cfg = parse({
        "eventstack:secretValues": JSON.stringify({ "orders-api-key": "s3cr3t" }),
      });
      const value = cfg.secrets[0]?.value;
      assert.ok(value, "secret value present");
      assert.equal(await pulumi.isSecret(value), true);
    });

    it("every environment has a default for every defaulted field", () => {
      assert.deepEqual(Object.keys(DEFAULTS.dev).sort(), Object.keys(DEFAULTS.prod).sort());
    });
  });

  describe("rejects bad values with the key, the value and what is allowed", () => {
    const cases: {
      what: string;
      overrides: Record<string, string | undefined>;
      message: string;
    }[] = [
      {
        what: "an unknown cloud",
        overrides: { "eventstack:cloud": "azure" },
        message: 'eventstack:cloud must be "gcp" or "aws", got "azure"',
      },
      {
        what: "an unknown environment",
        overrides: { "eventstack:environment": "staging" },
        message: 'eventstack:environment must be "dev" or "prod", got "staging"',
      },
      {
        what: "a missing required key",
        overrides: { "eventstack:alertEmail": undefined },
        message: "eventstack:alertEmail is required (string)",
      },
      {
        what: "an invalid email",
        overrides: { "eventstack:alertEmail": "oncall" },
        message: 'eventstack:alertEmail must be an email, got "oncall"',
      },
      {
        what: "an unknown key",
        overrides: { "eventstack:regoin": "x" },
        message: "eventstack:regoin is not a known key",
      },
      {
        what: "an unknown consumer field",
        overrides: { "eventstack:consumers": consumerWith({ memory: 512 }) },
        message: 'eventstack:consumers[0] has unknown field(s) "memory"',
      },
      {
        what: "a consumer name with capitals",
        overrides: { "eventstack:consumers": consumerWith({ name: "Orders" }) },
        message:
          'eventstack:consumers[0].name must be 1-20 characters: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, got "Orders"',
      },
      {
        what: "too few delivery attempts",
        overrides: { "eventstack:consumers": consumerWith({ maxDeliveryAttempts: 3 }) },
        message: "eventstack:consumers[0].maxDeliveryAttempts must be ≥ 5, got 3",
      },
      {
        what: "too many delivery attempts",
        overrides: { "eventstack:consumers": consumerWith({ maxDeliveryAttempts: 101 }) },
        message: "eventstack:consumers[0].maxDeliveryAttempts must be ≤ 100, got 101",
      },
      {
        what: "a fractional instance count",
        overrides: { "eventstack:consumers": consumerWith({ maxInstances: 2.5 }) },
        message: "eventstack:consumers[0].maxInstances must be an int, got 2.5",
      },
      {
        what: "a number given as text",
        overrides: { "eventstack:consumers": consumerWith({ concurrency: "80" }) },
        message: 'eventstack:consumers[0].concurrency must be a number, got "80"',
      },
      {
        what: "a consumer without event types",
        overrides: { "eventstack:consumers": consumerWith({ eventTypes: [] }) },
        message: "eventstack:consumers[0].eventTypes must have at least 1 item(s), got []",
      },
      {
        what: "an event type that is not reverse-DNS",
        overrides: { "eventstack:consumers": consumerWith({ eventTypes: ["OrderPlaced"] }) },
        message:
          'eventstack:consumers[0].eventTypes[0] must be a reverse-DNS CloudEvents type such as com.example.order.placed.v1, got "OrderPlaced"',
      },
      {
        what: "no consumers",
        overrides: { "eventstack:consumers": "[]" },
        message: "eventstack:consumers must have at least 1 item(s), got []",
      },
      {
        what: "consumers that are not a list",
        overrides: { "eventstack:consumers": "orders" },
        message: 'eventstack:consumers must be an array, got "orders"',
      },
      {
        what: "a boolean flag given as a word",
        overrides: { "eventstack:customerManagedKeys": "yes" },
        message: 'eventstack:customerManagedKeys must be a boolean, got "yes"',
      },
      {
        what: "a log retention CloudWatch does not offer",
        overrides: { "eventstack:logRetentionDays": "10" },
        message:
          "eventstack:logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 10",
      },
      {
        what: "event retention beyond Pub/Sub's 31 days",
        overrides: { "eventstack:eventRetentionDays": "60" },
        message: "eventstack:eventRetentionDays must be ≤ 31, got 60",
      },
      {
        what: "an uppercase label",
        overrides: { "eventstack:labels": JSON.stringify({ Team: "x" }) },
        message:
          "eventstack:labels.Team is not an allowed key: it must be a lowercase label key (letters, digits, _ and -, ≤ 63)",
      },
      {
        what: "a label the platform sets itself",
        overrides: { "eventstack:labels": JSON.stringify({ environment: "qa" }) },
        message: "eventstack:labels.environment is set by the platform and cannot be overridden",
      },
      {
        what: "two consumers with one name",
        overrides: {
          "eventstack:consumers": JSON.stringify([
            consumers[0],
            { ...consumers[0], secret: undefined },
          ]),
        },
        message: 'eventstack:consumers[1].name must be unique, got "orders" (also consumers[0])',
      },
      {
        what: "a repeated event type",
        overrides: {
          "eventstack:consumers": consumerWith({
            eventTypes: ["com.example.a.v1", "com.example.a.v1"],
          }),
        },
        message:
          'eventstack:consumers[0].eventTypes must not repeat a type, got "com.example.a.v1" twice',
      },
      {
        what: "a reference to an undeclared secret",
        overrides: { "eventstack:consumers": consumerWith({ secret: "billing-key" }) },
        message:
          'eventstack:consumers[0].secret must name a secret declared in eventstack:secrets ("orders-api-key"), got "billing-key"',
      },
      {
        what: "a consumer reading a secret that has no value",
        overrides: { "eventstack:secretValues": undefined },
        message:
          "eventstack:consumers[0].secret names secret \"orders-api-key\", which has no value; set it with: pulumi config set --secret --path 'eventstack:secretValues.orders-api-key' <value> (or drop the consumer's secret)",
      },
      {
        what: "a consumer named like the bus, whose dead-letter queue and alarms it would take",
        overrides: { "eventstack:consumers": consumerWith({ name: "bus" }) },
        message:
          'eventstack:consumers[0].name must be a name the platform does not use for itself (reserved: bus, archive, alerts, data, events, images, vpc, run-egress), got "bus"',
      },
      {
        what: "a consumer named like the GCP events topic",
        overrides: { "eventstack:consumers": consumerWith({ name: "events" }) },
        message:
          'eventstack:consumers[0].name must be a name the platform does not use for itself (reserved: bus, archive, alerts, data, events, images, vpc, run-egress), got "events"',
      },
      {
        what: "a Lambda concurrency limit of zero",
        overrides: { "eventstack:lambdaConcurrencyLimit": "0" },
        message: "eventstack:lambdaConcurrencyLimit must be ≥ 1, got 0",
      },
      {
        what: "a secret value without a declared secret",
        overrides: { "eventstack:secretValues": JSON.stringify({ "billing-key": "x" }) },
        message: "eventstack:secretValues.billing-key has no matching entry in eventstack:secrets",
      },
      {
        what: "min instances above max instances",
        overrides: { "eventstack:consumers": consumerWith({ minInstances: 5, maxInstances: 2 }) },
        message: "eventstack:consumers[0].minInstances must be ≤ maxInstances (2), got 5",
      },
      {
        what: "a timeout beyond the push ack deadline on gcp",
        overrides: { "eventstack:consumers": consumerWith({ timeoutSeconds: 900 }) },
        message:
          "eventstack:consumers[0].timeoutSeconds must be ≤ 600 on gcp (the Pub/Sub push ack deadline limit), got 900",
      },
      {
        what: "memory below Cloud Run's minimum on gcp",
        overrides: { "eventstack:consumers": consumerWith({ memoryMb: 256 }) },
        message:
          "eventstack:consumers[0].memoryMb must be ≥ 512 on gcp (Cloud Run minimum), got 256",
      },
      {
        what: "memory above Lambda's maximum on aws",
        overrides: {
          "eventstack:cloud": "aws",
          "eventstack:consumers": consumerWith({ memoryMb: 16384 }),
        },
        message:
          "eventstack:consumers[0].memoryMb must be ≤ 10240 on aws (Lambda maximum), got 16384",
      },
      {
        what: "a gcp stack without a project",
        overrides: { "gcp:project": undefined },
        message: 'gcp:project is required when eventstack:cloud is "gcp"',
      },
      {
        what: "a malformed gcp region",
        overrides: { "gcp:region": "Europe West" },
        message: 'gcp:region must be a GCP region such as "europe-west1", got "Europe West"',
      },
      {
        what: "an aws stack without a region",
        overrides: { "eventstack:cloud": "aws", "aws:region": undefined },
        message: 'aws:region is required when eventstack:cloud is "aws"',
      },
    ];

    for (const c of cases) {
      it(`rejects ${c.what}`, () => {
        const found = problems(c.overrides);
        assert.ok(
          found.some((m) => m.startsWith(c.message)),
          `expected a problem starting with:\n  ${c.message}\ngot:\n  ${found.join("\n  ")}`,
        );
      });
    }

    it("reports every problem at once, not only the first", () => {
      const found = problems({ "eventstack:cloud": "azure", "eventstack:environment": "qa" });
      assert.equal(found.length, 2);
    });

    it("ignores keys of other namespaces (provider config)", () => {
      assert.doesNotThrow(() => parse({ "gcp:zone": "europe-west1-b", "pulumi:tags": "{}" }));
    });
  });
});
