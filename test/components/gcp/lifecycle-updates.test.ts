/**
 * Updates, planned twice ("plan A, then plan B"): what the engine would replace, and whether the
 * replacement can exist next to the resource it replaces.
 *
 * The engine replaces create-before-delete unless told otherwise, so during a replacement the old
 * and the new resource exist at once: they must not share a physical name. For a bridged provider
 * a replacement that keeps an explicitly set auto-nameable name is even turned into
 * delete-before-replace (pulumi/pulumi-terraform-bridge, pkg/tfbridge
 * `nameRequiresDeleteBeforeReplace`: true when the name was not set by the autonamer and did not
 * change), which for a push subscription deletes its backlog first. Each scenario therefore runs
 * the deployability rule `deployability-physical-name-collision` over the old and the new resource
 * together, as they would coexist in the project.
 */
import assert from "node:assert/strict";
import { physicalNameCollision } from "../../../policies/deployability/rules/physical-name-collision";
import type { DeployabilityContext } from "../../../policies/deployability/rule";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { planStack, type Plan } from "../../../policies/offline/plan";
import { loadStackConfig } from "../../../policies/offline/stack-file";
import { json, one, plan, PROJECT_DIR, withSecret } from "../../support/plan";

const SUBSCRIPTION = "gcp:pubsub/subscription:Subscription";
const SUBSCRIPTION_IAM = "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember";
const REPOSITORY = "gcp:artifactregistry/repository:Repository";
const SECRET = "gcp:secretmanager/secret:Secret";
const SECRET_VERSION = "gcp:secretmanager/secretVersion:SecretVersion";
const RUN = "gcp:cloudrunv2/service:Service";
const SUBNET = "gcp:compute/subnetwork:Subnetwork";

const PLAN: DeployabilityContext = {
  source: "plan",
  lambdaConcurrencyLimit: 1000,
  lambdaConcurrencyLimitSource: "eventstack:lambdaConcurrencyLimit's default",
};

/** The dev stack's consumers from its stack file. */
function devConsumers(): Record<string, unknown>[] {
  const raw = loadStackConfig(PROJECT_DIR, "dev").config["eventstack:consumers"] ?? "[]";
  return JSON.parse(raw) as Record<string, unknown>[];
}

/** Messages of the collision rule over resources that exist at the same time. */
function collisions(resources: readonly RecordedResource[]): string[] {
  return physicalNameCollision.check(resources, PLAN).map((f) => f.message);
}

/** `r` as the replacement the engine creates next to the old one (same URN, its own state). */
const replacement = (r: RecordedResource): RecordedResource => ({ ...r, urn: `${r.urn}#new` });

/** The rule sees `r`: a copy of it with the same name would collide. */
function assertNamed(r: RecordedResource): void {
  assert.equal(collisions([r, replacement(r)]).length, 1, `${r.type} ${r.name} has no identity`);
}

/** The secret env var of a service's first container. */
function secretEnv(svc: RecordedResource): { secret: unknown; version: unknown } {
  const template = svc.inputs.template as { containers: { envs: Record<string, unknown>[] }[] };
  const env = template.containers[0]?.envs.find((e) => e.valueSource !== undefined);
  assert.ok(env, `${svc.name} mounts no secret`);
  const ref = (env.valueSource as { secretKeyRef: { secret: unknown; version: unknown } })
    .secretKeyRef;
  return { secret: ref.secret, version: ref.version };
}

describe("GCP updates, plan A then plan B", () => {
  describe("changing a consumer's eventTypes", () => {
    let a: Plan;
    let b: Plan;
    before(async () => {
      a = await plan("dev");
      const consumers = devConsumers().map((c) =>
        c.name === "orders"
          ? { ...c, eventTypes: [...(c.eventTypes as string[]), "com.example.order.refunded.v1"] }
          : c,
      );
      b = await plan("dev", { "eventstack:consumers": json(consumers) });
    });

    it("gives the push subscription a new name, so the new one exists before the old is deleted", () => {
      const before = one(a, SUBSCRIPTION, "eventstack-orders-subscription");
      const after = one(b, SUBSCRIPTION, "eventstack-orders-subscription");
      // Pub/Sub cannot change a filter ("After creating the subscription, you can't modify the
      // filter": @pulumi/gcp pubsub/subscription.d.ts), so plan B replaces the subscription.
      assert.notEqual(after.inputs.filter, before.inputs.filter);
      assert.match(String(after.inputs.filter), /com\.example\.order\.refunded\.v1/);
      assert.notEqual(after.inputs.name, before.inputs.name);
      assert.notEqual(after.options?.deleteBeforeReplace, true);
      assertNamed(before);
      assert.deepEqual(collisions([before, replacement(after)]), []);
    });

    it("leaves the other consumer's subscription as it was", () => {
      assert.deepEqual(
        one(b, SUBSCRIPTION, "eventstack-audit-subscription").inputs,
        one(a, SUBSCRIPTION, "eventstack-audit-subscription").inputs,
      );
    });

    it("grants the Pub/Sub agent on the new subscription", () => {
      const after = one(b, SUBSCRIPTION, "eventstack-orders-subscription");
      assert.equal(
        one(b, SUBSCRIPTION_IAM, "eventstack-orders-agent-subscriber").inputs.subscription,
        after.inputs.name,
      );
    });
  });

  describe("toggling customerManagedKeys", () => {
    let a: Plan;
    let b: Plan;
    before(async () => {
      a = await plan("dev", { ...withSecret("dev"), "eventstack:customerManagedKeys": "false" });
      b = await plan("dev", { ...withSecret("dev"), "eventstack:customerManagedKeys": "true" });
    });

    for (const [type, name, id] of [
      [REPOSITORY, "eventstack-image-repository", "repositoryId"],
      [SECRET, "eventstack-secrets-orders-api-key", "secretId"],
    ] as const) {
      it(`gives the ${type.split(":")[2] ?? type} a new ${id}, so both exist during the toggle`, () => {
        const before = one(a, type, name);
        const after = one(b, type, name);
        // Neither can change its key in place (@pulumi/gcp: a repository's kmsKeyName "may not be
        // changed after the Repository has been created"; a secret's replication "cannot be
        // changed after the Secret has been created").
        assert.notEqual(after.inputs[id], before.inputs[id]);
        assertNamed(before);
        assert.deepEqual(collisions([before, replacement(after)]), []);
      });
    }

    it("encrypts the new ones with the keys and rolls the service to the new secret", () => {
      assert.equal(one(a, REPOSITORY, "eventstack-image-repository").inputs.kmsKeyName, undefined);
      assert.equal(
        one(b, REPOSITORY, "eventstack-image-repository").inputs.kmsKeyName,
        one(b, "gcp:kms/cryptoKey:CryptoKey", "eventstack-encryption-artifactregistry").id,
      );
      const secret = one(b, SECRET, "eventstack-secrets-orders-api-key");
      const version = one(b, SECRET_VERSION, "eventstack-secrets-orders-api-key-value");
      assert.equal(version.inputs.secret, secret.id);
      const svc = one(b, RUN, "eventstack-orders-service");
      assert.equal(secretEnv(svc).secret, secret.outputs.secretId);
      assert.ok(svc.dependencies.includes(version.urn));
    });
  });

  describe("rotating a secret's value", () => {
    for (const [stack, policy] of [
      ["dev", "DELETE"],
      ["prod", "DISABLE"],
    ] as const) {
      it(`${stack}: a new value is a new version, pinned by number in the service template`, async () => {
        const gcp: Record<string, string> = stack === "prod" ? { "eventstack:cloud": "gcp" } : {};
        const a = await plan(stack, { ...gcp, ...withSecret(stack, "first-value") });
        const b = await plan(stack, { ...gcp, ...withSecret(stack, "second-value") });
        assert.notEqual(a.config["eventstack:secretValues"], b.config["eventstack:secretValues"]);
        for (const p of [a, b]) {
          const version = one(p, SECRET_VERSION, "eventstack-secrets-orders-api-key-value");
          // secretData is force new (@pulumi/gcp secretmanager/secretVersion.d.ts: "The behavior
          // of the `secretData` field is force new"): B replaces the version, and Secret Manager
          // numbers the new one after the old. Nothing may stop that replacement.
          assert.equal(version.inputs.secretData, "[secret]");
          assert.equal(version.options?.protect, false);
          assert.deepEqual(version.options?.ignoreChanges, []);
          // The replaced version is destroyed in dev and disabled (restorable) in prod.
          assert.equal(version.inputs.deletionPolicy, policy);
          // The template holds the version's own number, through a dependency on it: a new
          // number is a changed template, which Cloud Run deploys as a new revision.
          const svc = one(p, RUN, "eventstack-orders-service");
          const pinned = secretEnv(svc).version;
          assert.equal(pinned, version.outputs.version);
          assert.match(String(pinned), /^\d+$/);
          assert.ok((svc.propertyDependencies.template ?? []).includes(version.urn));
        }
      });
    }
  });

  describe("removing a consumer with private networking on", () => {
    it("keeps the Direct VPC egress subnet exactly as it was", async () => {
      const on = { "eventstack:privateNetworking": "true" };
      const a = await plan("dev", on);
      const b = await plan("dev", {
        ...on,
        "eventstack:consumers": json(devConsumers().filter((c) => c.name !== "audit")),
      });
      assert.equal(b.resources.filter((r) => r.name === "eventstack-audit-service").length, 0);
      assert.deepEqual(
        one(b, SUBNET, "eventstack-network-subnet").inputs,
        one(a, SUBNET, "eventstack-network-subnet").inputs,
      );
    });
  });

  describe("stacks whose names slug alike, in one project", () => {
    it("dev_a, dev-a and dev.a get distinct physical names", async () => {
      const dev = loadStackConfig(PROJECT_DIR, "dev");
      const plans: Plan[] = [];
      for (const stack of ["dev_a", "dev-a", "dev.a"]) {
        plans.push(
          await planStack({ projectDir: PROJECT_DIR, stack, stackConfig: { ...dev, stack } }),
        );
      }
      assert.deepEqual(
        plans.map((p) => p.stack),
        ["dev_a", "dev-a", "dev.a"],
      );
      const first = plans[0]?.resources ?? [];
      assert.ok(collisions([...first, ...first.map(replacement)]).length > 10);
      assert.deepEqual(collisions(plans.flatMap((p) => p.resources)), []);
    });
  });
});
