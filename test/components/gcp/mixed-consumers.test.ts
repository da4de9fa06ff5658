/**
 * A GCP stack of mixed consumers: the sample, the audit sample built from its own Dockerfile, and
 * a prebuilt image. Every consumer gets the same identities, dead-lettering, alerts and store
 * access; the plan passes every mandatory policy and deployability rule in dev and prod.
 */
import assert from "node:assert/strict";
import { consumerImageName } from "../../../components/gcp/consumer-code";
import { databaseIdFor, IDEMPOTENCY_TTL } from "../../../components/gcp/state-store";
import { json, ofType, one, plan } from "../../support/plan";
import {
  AUDIT,
  GCP_PREBUILT,
  mandatoryAndDeployability,
  mixedConsumers,
} from "../../support/mixed-consumers";
import { at, inputsOf, T } from "./plan-helpers";

const DATABASE = "gcp:firestore/database:Database";
const FIELD = "gcp:firestore/field:Field";
const PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
const PROJECT = "acme-events-dev";

/** The container envs of a consumer's service, as name → value. */
function envsOf(p: Awaited<ReturnType<typeof plan>>, consumer: string): Record<string, unknown> {
  const envs = at(
    inputsOf(p, T.run, `eventstack-${consumer}-service`),
    "template.containers.0.envs",
  );
  assert.ok(Array.isArray(envs));
  return Object.fromEntries(
    envs.map((e: unknown) => {
      const env = e as { name: string; value?: unknown };
      return [env.name, env.value];
    }),
  );
}

describe("gcp: a stack of mixed consumers", function () {
  this.timeout(300_000);

  for (const [label, stack, overrides] of [
    ["dev", "dev", {}],
    ["prod on gcp", "prod", { "eventstack:cloud": "gcp" }],
  ] as const) {
    it(`${label}: plans with 0 mandatory findings and 0 deployability findings`, async () => {
      const p = await plan(stack, { ...overrides, ...mixedConsumers("gcp") });
      assert.deepEqual(await mandatoryAndDeployability(p, stack), {
        mandatory: [],
        deployability: [],
      });
    });
  }

  it("runs each consumer's own code: the sample build, the audit build, the pinned image", async () => {
    const p = await plan("dev", mixedConsumers("gcp"));
    const builds = ofType(p, T.image).map((r) => ({
      name: r.name,
      dockerfile: at(r.inputs, "dockerfile.location"),
      tag: at(r.inputs, "tags.0"),
    }));
    const repo = `europe-west1-docker.pkg.dev/${PROJECT}/eventstack-dev-images`;
    assert.deepEqual(builds, [
      {
        name: "eventstack-image-build",
        dockerfile: "app/consumer/Dockerfile",
        tag: `${repo}/consumer:latest`,
      },
      {
        name: "eventstack-audit-build",
        dockerfile: AUDIT.dockerfile,
        tag: `${repo}/${consumerImageName("audit")}:latest`,
      },
    ]);
    const image = (c: string) =>
      at(inputsOf(p, T.run, `eventstack-${c}-service`), "template.containers.0.image");
    assert.match(String(image("orders")), new RegExp(`^${repo}/consumer:latest@sha256:`));
    assert.match(String(image("audit")), new RegExp(`^${repo}/consumer-audit:latest@sha256:`));
    assert.equal(image("ledger"), GCP_PREBUILT);
  });

  it("gives every consumer the same delivery: a push subscription with dead-lettering and alerts", async () => {
    const p = await plan("dev", mixedConsumers("gcp"));
    for (const c of ["orders", "audit", "ledger"]) {
      const sub = ofType(p, T.subscription).find((r) => r.name === `eventstack-${c}-subscription`);
      assert.ok(sub, `subscription of ${c}`);
      assert.equal(at(sub.inputs, "deadLetterPolicy.maxDeliveryAttempts"), 5);
      assert.ok(at(sub.inputs, "pushConfig.oidcToken.serviceAccountEmail"));
    }
    const alertsOf = (c: string) =>
      ofType(p, T.alert).filter((r) => r.name.startsWith(`eventstack-${c}-alerts-`)).length;
    assert.equal(alertsOf("audit"), alertsOf("orders"));
    assert.equal(alertsOf("ledger"), alertsOf("orders"));
  });

  it("points every consumer at the stack's database, with its own plain variables", async () => {
    const p = await plan("dev", mixedConsumers("gcp"));
    const database = databaseIdFor("eventstack-dev", false);
    for (const c of ["orders", "audit", "ledger"]) {
      const envs = envsOf(p, c);
      assert.equal(envs.STATE_STORE, "firestore", c);
      assert.equal(envs.FIRESTORE_DATABASE, database, c);
      assert.equal(envs.CONSUMER_TIMEOUT_SECONDS, "60", c);
      assert.equal(envs.CONSUMER_NAME, c);
    }
    assert.equal(envsOf(p, "audit").AUDIT_RETENTION_DAYS, "90");
    assert.equal(envsOf(p, "orders").AUDIT_RETENTION_DAYS, undefined);
  });

  it("grants each runtime identity roles/datastore.user on that database only", async () => {
    const p = await plan("dev", mixedConsumers("gcp"));
    const database = databaseIdFor("eventstack-dev", false);
    const runtime = (c: string) =>
      one(p, T.account, `eventstack-${c}-runtime`).outputs.member as string;
    const grants = ofType(p, PROJECT_IAM).map((r) => ({
      role: r.inputs.role,
      member: r.inputs.member,
      expression: at(r.inputs, "condition.expression"),
    }));
    assert.deepEqual(
      grants,
      ["orders", "audit", "ledger"].map((c) => ({
        role: "roles/datastore.user",
        member: runtime(c),
        expression: `resource.name == "projects/${PROJECT}/databases/${database}"`,
      })),
    );
  });

  it("deploys a native-mode database with a TTL policy on the idempotency records", async () => {
    const p = await plan("dev", mixedConsumers("gcp"));
    const db = one(p, DATABASE, "eventstack-state-database").inputs;
    assert.deepEqual(
      {
        name: db.name,
        type: db.type,
        locationId: db.locationId,
        pitr: db.pointInTimeRecoveryEnablement,
        protection: db.deleteProtectionState,
        cmek: db.cmekConfig,
      },
      {
        name: databaseIdFor("eventstack-dev", false),
        type: "FIRESTORE_NATIVE",
        locationId: "europe-west1",
        pitr: "POINT_IN_TIME_RECOVERY_DISABLED",
        protection: "DELETE_PROTECTION_DISABLED",
        cmek: undefined,
      },
    );
    const ttl = one(p, FIELD, "eventstack-state-idempotency-ttl").inputs;
    assert.deepEqual(
      { collection: ttl.collection, field: ttl.field, ttlConfig: ttl.ttlConfig },
      { collection: IDEMPOTENCY_TTL.collection, field: IDEMPOTENCY_TTL.field, ttlConfig: {} },
    );
    assert.ok(
      ofType(p, T.service).some((r) => r.inputs.service === "firestore.googleapis.com"),
      "firestore.googleapis.com is enabled",
    );
  });

  it("prod: PITR, delete protection, protect, and a CMEK key Firestore's agent may use", async () => {
    const p = await plan("prod", { "eventstack:cloud": "gcp", ...mixedConsumers("gcp") });
    const db = one(p, DATABASE, "eventstack-state-database");
    assert.equal(db.inputs.name, databaseIdFor("eventstack-prod", true));
    assert.equal(db.inputs.pointInTimeRecoveryEnablement, "POINT_IN_TIME_RECOVERY_ENABLED");
    assert.equal(db.inputs.deleteProtectionState, "DELETE_PROTECTION_ENABLED");
    assert.equal(db.options?.protect, true);
    const key = one(p, T.key, "eventstack-encryption-firestore");
    assert.equal(at(db.inputs, "cmekConfig.kmsKeyName"), key.id);
    const keyUser = one(p, T.keyIam, "eventstack-encryption-firestore-user").inputs;
    assert.match(
      String(keyUser.member),
      /^serviceAccount:service-\d+@gcp-sa-firestore\.iam\.gserviceaccount\.com$/,
    );
  });

  it("refuses a Dockerfile that is not there, naming the field and the value", async () => {
    const consumers = [
      {
        name: "audit",
        eventTypes: ["com.example.order.placed.v1"],
        code: { context: ".", dockerfile: "teams/audit/Dockerfile" },
      },
    ];
    await assert.rejects(plan("dev", { "eventstack:consumers": json(consumers) }), (err: Error) => {
      assert.match(
        err.message,
        /eventstack:consumers\[0\]\.code\.dockerfile must be a file of the project, got "teams\/audit\/Dockerfile" \(not found\)/,
      );
      return true;
    });
  });
});
