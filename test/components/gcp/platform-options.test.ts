import assert from "node:assert/strict";
import { ofType, one, plan, json, withSecret } from "../../support/plan";
import { at, inputsOf, T } from "./plan-helpers";

const apisOf = (p: Awaited<ReturnType<typeof plan>>) =>
  ofType(p, T.service).map((s) => s.inputs.service);

describe("GcpPlatform options", () => {
  it("runs a prebuilt image from config and builds nothing", async () => {
    const image = "europe-docker.pkg.dev/acme-shared/images/consumer@sha256:" + "a".repeat(64);
    const p = await plan("dev", { "eventstack:image": image });
    assert.deepEqual(ofType(p, T.image), []);
    assert.deepEqual(ofType(p, T.repository), []);
    assert.ok(!apisOf(p).includes("artifactregistry.googleapis.com"));
    for (const svc of ofType(p, T.run)) {
      assert.equal(at(svc.inputs, "template.containers.0.image"), image);
      // Any image may be prebuilt: its own NODE_OPTIONS are not replaced, even at dev's 512 MiB.
      assert.equal(at(svc.inputs, "template.containers.0.resources.limits.memory"), "512Mi");
      const envs = at(svc.inputs, "template.containers.0.envs");
      assert.ok(Array.isArray(envs));
      assert.deepEqual(
        envs.filter((e: unknown) => at(e, "name") === "NODE_OPTIONS"),
        [],
      );
    }
  });

  it("adds the VPC, subnet and Direct VPC egress in dev when privateNetworking is on", async () => {
    const p = await plan("dev", { "eventstack:privateNetworking": "true" });
    const subnet = one(p, T.subnet, "eventstack-network-subnet");
    assert.equal(ofType(p, T.network).length, 1);
    assert.ok(apisOf(p).includes("compute.googleapis.com"));
    for (const svc of ofType(p, T.run)) {
      assert.equal(at(svc.inputs, "template.vpcAccess.egress"), "PRIVATE_RANGES_ONLY");
      assert.equal(at(svc.inputs, "template.vpcAccess.networkInterfaces.0.subnetwork"), subnet.id);
    }
  });

  it("uses Google-managed encryption in prod when customerManagedKeys is off", async () => {
    const p = await plan("prod", {
      "eventstack:cloud": "gcp",
      "eventstack:customerManagedKeys": "false",
    });
    assert.deepEqual(ofType(p, T.key), []);
    assert.deepEqual(ofType(p, T.keyIam), []);
    assert.ok(!apisOf(p).includes("cloudkms.googleapis.com"));
    for (const topic of ofType(p, T.topic)) assert.equal(topic.inputs.kmsKeyName, undefined);
    assert.deepEqual(inputsOf(p, T.secret, "eventstack-secrets-orders-api-key").replication, {
      auto: {},
    });
  });

  it("encrypts a dev stack with customer-managed keys when asked to", async () => {
    const p = await plan("dev", { "eventstack:customerManagedKeys": "true" });
    const pubsubKey = one(p, T.key, "eventstack-encryption-pubsub").id;
    for (const topic of ofType(p, T.topic)) assert.equal(topic.inputs.kmsKeyName, pubsubKey);
  });

  it("stores a configured secret value as a version the service waits for", async () => {
    const p = await plan("dev", {
      ...withSecret("dev", "s3cr3t-value"),
    });
    const version = one(p, T.secretVersion, "eventstack-secrets-orders-api-key-value");
    assert.deepEqual(version.inputs, {
      secret: one(p, T.secret, "eventstack-secrets-orders-api-key").id,
      secretData: "[secret]",
      deletionPolicy: "DELETE",
    });
    const svc = one(p, T.run, "eventstack-orders-service");
    assert.ok(svc.dependencies.includes(version.urn));
    assert.ok(
      svc.dependencies.includes(one(p, T.sleep, "eventstack-orders-secret-access-wait").urn) &&
        one(p, T.sleep, "eventstack-orders-secret-access-wait").dependencies.includes(
          one(p, T.secretIam, "eventstack-orders-secret-accessor").urn,
        ),
    );
  });

  it("creates no secrets and no Secret Manager API when config declares none", async () => {
    const p = await plan("dev", {
      "eventstack:secrets": json([]),
      "eventstack:consumers": json([
        { name: "orders", eventTypes: ["com.example.order.placed.v1"] },
      ]),
    });
    assert.deepEqual(ofType(p, T.secret), []);
    assert.deepEqual(ofType(p, T.secretIam), []);
    assert.ok(!apisOf(p).includes("secretmanager.googleapis.com"));
  });

  it("takes alert thresholds from config", async () => {
    const p = await plan("dev", {
      "eventstack:alertErrorRatePercent": "10",
      "eventstack:alertWindowMinutes": "15",
      "eventstack:alertMaxProcessingDelaySeconds": "120",
    });
    const errors = inputsOf(p, T.alert, "eventstack-orders-alerts-errors");
    assert.equal(at(errors, "conditions.0.conditionThreshold.thresholdValue"), 0.1);
    assert.equal(
      at(errors, "conditions.0.conditionThreshold.aggregations.0.alignmentPeriod"),
      "900s",
    );
    const backlog = inputsOf(p, T.alert, "eventstack-orders-alerts-backlog");
    assert.equal(at(backlog, "conditions.0.conditionThreshold.thresholdValue"), 120);
  });

  it("refuses event types whose filter exceeds Pub/Sub's 256 bytes, naming the consumer", async () => {
    const eventTypes = Array.from(
      { length: 6 },
      (_, i) => `com.example.inventory.item-${i}.changed.v1`,
    );
    await assert.rejects(
      plan("dev", {
        "eventstack:secrets": json([]),
        "eventstack:consumers": json([{ name: "inventory", eventTypes }]),
      }),
      (err: Error) => {
        assert.match(
          err.message,
          /consumer inventory make a \d+-byte Pub\/Sub filter; Pub\/Sub allows 256 bytes/,
        );
        assert.equal(
          (err as { propertyPath?: string }).propertyPath,
          "eventstack:consumers[0].eventTypes",
        );
        return true;
      },
    );
  });
});
