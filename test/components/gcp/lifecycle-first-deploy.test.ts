/**
 * The first `up` on a fresh project, as the recorded plan shows it: previews that need no Docker,
 * propagation waits between Google's eventually consistent changes and what uses them, and the
 * prod stack's stateful resources kept from deletion (checked by the pack's own policy).
 */
import assert from "node:assert/strict";
import {
  gcpStatefulResourceEnforceProtection,
  STATEFUL_TYPES,
} from "../../../policies/gcp/stateful/enforce-protection";
import type { RecordedResource } from "../../../policies/offline/mock-types";
import type { Plan } from "../../../policies/offline/plan";
import { ofType, one, plan, withSecret } from "../../support/plan";
import { findings, open } from "../../policies/support/policy-test";

const SLEEP = "time:index/sleep:Sleep";
const SECRET_VERSION = "gcp:secretmanager/secretVersion:SecretVersion";

/** Options the plan recorded for `r` (every registration records them). */
function optionsOf(r: RecordedResource): NonNullable<RecordedResource["options"]> {
  assert.ok(r.options, `${r.type} ${r.name} has no recorded options`);
  return r.options;
}

/**
 * Asserts the wait `sleep` lasts `duration` and starts after every grant in `grants`, which it
 * names as triggers (the engine records a `dependsOn` target that an input also names as that
 * input's dependency; the triggers also make the wait run again when a grant is replaced), and
 * that each of `dependents` waits for it.
 */
function assertBetween(
  p: Plan,
  sleep: string,
  duration: string,
  grants: readonly RecordedResource[],
  dependents: readonly RecordedResource[],
): void {
  const wait = one(p, SLEEP, sleep);
  assert.equal(wait.inputs.createDuration, duration);
  assert.ok(grants.length > 0 && dependents.length > 0);
  const triggers = wait.propertyDependencies.triggers ?? [];
  for (const g of grants) assert.ok(triggers.includes(g.urn), `${sleep} after ${g.name}`);
  for (const d of dependents)
    assert.ok(d.dependencies.includes(wait.urn), `${d.name} after ${sleep}`);
}

describe("GCP first deploy", () => {
  let dev: Plan;
  let prod: Plan;
  before(async () => {
    dev = await plan("dev", { ...withSecret("dev"), "eventstack:customerManagedKeys": "true" });
    prod = await plan("prod", { "eventstack:cloud": "gcp", ...withSecret("prod") });
  });

  it("never builds the image on preview, and caches the build in the stack's repository", () => {
    const image = one(dev, "docker-build:index:Image", "eventstack-image-build");
    // docker-build Image: "Setting this to false will always skip image builds during previews".
    assert.equal(image.inputs.buildOnPreview, false);
    assert.deepEqual(image.inputs.platforms, ["linux/amd64"]);
    const cache =
      "europe-west1-docker.pkg.dev/acme-events-dev/eventstack-dev-images-cmek/consumer:buildcache";
    assert.deepEqual(image.inputs.cacheFrom, [{ registry: { ref: cache } }]);
    assert.equal((image.inputs.cacheTo as { registry: { ref: string } }[])[0]?.registry.ref, cache);
  });

  it("waits 60 s after enabling the APIs before provisioning service agents", () => {
    assertBetween(
      dev,
      "eventstack-apis-enabled-wait",
      "60s",
      ofType(dev, "gcp:projects/service:Service"),
      ofType(dev, "gcp:projects/serviceIdentity:ServiceIdentity"),
    );
  });

  it("waits 120 s after the KMS key grants before anything is encrypted with a key", () => {
    const encrypted = [
      ...ofType(dev, "gcp:pubsub/topic:Topic"),
      one(dev, "gcp:artifactregistry/repository:Repository", "eventstack-image-repository"),
      one(dev, "gcp:secretmanager/secret:Secret", "eventstack-secrets-orders-api-key"),
    ];
    assertBetween(
      dev,
      "eventstack-encryption-grants-wait",
      "120s",
      ofType(dev, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember"),
      encrypted,
    );
  });

  it("waits 120 s after the secret grant before the service that reads the secret", () => {
    assertBetween(
      dev,
      "eventstack-orders-secret-access-wait",
      "120s",
      [
        one(
          dev,
          "gcp:secretmanager/secretIamMember:SecretIamMember",
          "eventstack-orders-secret-accessor",
        ),
      ],
      [one(dev, "gcp:cloudrunv2/service:Service", "eventstack-orders-service")],
    );
  });

  for (const consumer of ["orders", "audit"]) {
    it(`waits 120 s after the ${consumer} invoker and token-creator grants before its first push`, () => {
      assertBetween(
        dev,
        `eventstack-${consumer}-push-grants-wait`,
        "120s",
        [
          one(
            dev,
            "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
            `eventstack-${consumer}-invoker`,
          ),
          one(
            dev,
            "gcp:serviceaccount/iAMMember:IAMMember",
            `eventstack-${consumer}-push-token-creator`,
          ),
        ],
        [one(dev, "gcp:pubsub/subscription:Subscription", `eventstack-${consumer}-subscription`)],
      );
    });
  }

  for (const consumer of ["orders", "audit"]) {
    it(`grants the deploying identity actAs on ${consumer}'s runtime and push accounts, and waits 120 s before the service and subscription`, () => {
      const account = (suffix: string) =>
        one(dev, "gcp:serviceaccount/account:Account", `eventstack-${consumer}-${suffix}`);
      const grants = (["runtime", "push"] as const).map((suffix) => {
        const grant = one(
          dev,
          "gcp:serviceaccount/iAMMember:IAMMember",
          `eventstack-${consumer}-${suffix}-act-as`,
        );
        // The mock runtime's getClientOpenIdUserInfo: the deploy runs as a service account.
        assert.deepEqual(
          { role: grant.inputs.role, member: grant.inputs.member },
          {
            role: "roles/iam.serviceAccountUser",
            member: "serviceAccount:deployer@acme-events-dev.iam.gserviceaccount.com",
          },
        );
        assert.ok(
          grant.propertyDependencies.serviceAccountId?.includes(account(suffix).urn),
          `${grant.name} is on the ${suffix} account`,
        );
        return grant;
      });
      assertBetween(dev, `eventstack-${consumer}-act-as-wait`, "120s", grants, [
        one(dev, "gcp:cloudrunv2/service:Service", `eventstack-${consumer}-service`),
        one(dev, "gcp:pubsub/subscription:Subscription", `eventstack-${consumer}-subscription`),
      ]);
    });
  }

  it("protects every stateful resource of prod; a replaced secret version is disabled", () => {
    const stateful = prod.resources.filter((r) =>
      (STATEFUL_TYPES as readonly string[]).includes(r.type),
    );
    assert.ok(stateful.length >= 12, `only ${stateful.length} stateful resources`);
    for (const r of stateful) {
      if (r.type === SECRET_VERSION) assert.equal(r.inputs.deletionPolicy, "DISABLE", r.name);
      else assert.equal(optionsOf(r).protect, true, `${r.type} ${r.name}`);
    }
  });

  it("passes gcp-stateful-resource-enforce-protection on prod, and fails it with protect removed", async () => {
    assert.deepEqual(
      open(await findings(gcpStatefulResourceEnforceProtection, prod.resources)),
      [],
    );
    const unprotected = prod.resources.map((r) =>
      r.type === "gcp:pubsub/topic:Topic" && r.options
        ? { ...r, options: { ...r.options, protect: false } }
        : r,
    );
    const topics = ofType(prod, "gcp:pubsub/topic:Topic").map((t) => t.name);
    assert.equal(topics.length, 3);
    assert.deepEqual(
      open(await findings(gcpStatefulResourceEnforceProtection, unprotected)).map(
        (f) => f.split(":")[0],
      ),
      topics,
    );
  });

  it("does not protect dev, which the policy does not require", async () => {
    for (const r of dev.resources.filter((x) =>
      (STATEFUL_TYPES as readonly string[]).includes(x.type),
    ))
      assert.equal(optionsOf(r).protect, false, `${r.type} ${r.name}`);
    assert.deepEqual(open(await findings(gcpStatefulResourceEnforceProtection, dev.resources)), []);
  });
});
