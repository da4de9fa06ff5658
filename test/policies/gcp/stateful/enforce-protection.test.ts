import assert from "node:assert/strict";
import { gcpStatefulResourceEnforceProtection as P } from "../../../../policies/gcp/stateful/enforce-protection";
import {
  DEFAULT_RESOURCE_OPTIONS,
  type RecordedResource,
} from "../../../../policies/offline/mock-types";
import { edit, findings, open, res } from "../../support/policy-test";

const PROD = { environment: "prod", stack: "prod" };
const protectedRes = (r: RecordedResource, protect = true): RecordedResource => ({
  ...r,
  options: { ...DEFAULT_RESOURCE_OPTIONS, protect },
});

/** A production stack whose stateful resources are all kept, as the GCP platform plans them. */
const baseline = (): RecordedResource[] => [
  protectedRes(res("gcp:pubsub/topic:Topic", "events", { name: "events", labels: PROD })),
  protectedRes(
    res("gcp:pubsub/subscription:Subscription", "push", { topic: "events", labels: PROD }),
  ),
  protectedRes(res("gcp:secretmanager/secret:Secret", "key", { secretId: "key", labels: PROD })),
  res("gcp:secretmanager/secretVersion:SecretVersion", "key-value", {
    secret: "key",
    deletionPolicy: "DISABLE",
  }),
  protectedRes(res("gcp:kms/keyRing:KeyRing", "ring", { location: "europe-west1" })),
  protectedRes(res("gcp:kms/cryptoKey:CryptoKey", "pubsub", { keyRing: "ring", labels: PROD })),
  protectedRes(
    res("gcp:artifactregistry/repository:Repository", "images", { format: "DOCKER", labels: PROD }),
  ),
  res("gcp:serviceaccount/account:Account", "runtime", { accountId: "orders-run" }),
];

const replace = (all: RecordedResource[], name: string, r: RecordedResource) =>
  all.map((x) => (x.name === name ? r : x));
const byName = (all: RecordedResource[], name: string): RecordedResource => {
  const found = all.find((r) => r.name === name);
  assert.ok(found, name);
  return found;
};

describe("gcp-stateful-resource-enforce-protection", () => {
  it("Compliance 1: every stateful resource of a production stack is protected", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: a dev stack needs no protection", async () => {
    const dev = baseline().map((r) =>
      protectedRes(
        edit(r, r.inputs.labels ? { labels: { environment: "dev", stack: "dev" } } : {}),
        false,
      ),
    );
    assert.deepEqual(open(await findings(P, dev)), []);
  });

  it("Compliance 3: a protected secret version needs no deletion policy", async () => {
    const all = baseline();
    const version = protectedRes(edit(byName(all, "key-value"), { deletionPolicy: "DELETE" }));
    assert.deepEqual(open(await findings(P, replace(all, "key-value", version))), []);
  });

  it("Compliance 4: stateless types (service accounts) are out of scope", async () => {
    const all = baseline();
    assert.equal(byName(all, "runtime").options, undefined);
    assert.deepEqual(open(await findings(P, all)), []);
  });

  it("Noncompliance 1: an unprotected events topic", async () => {
    const all = baseline();
    const topic = protectedRes(byName(all, "events"), false);
    assert.deepEqual(open(await findings(P, replace(all, "events", topic))), [
      "events: gcp:pubsub/topic:Topic events holds data in a production stack and must be kept from deletion (protect: true, got protect false).",
    ]);
  });

  it("Noncompliance 2: an unprotected key ring (no labels of its own) in a labelled prod stack", async () => {
    const all = baseline();
    const ring = protectedRes(byName(all, "ring"), false);
    assert.deepEqual(open(await findings(P, replace(all, "ring", ring))), [
      "ring: gcp:kms/keyRing:KeyRing ring holds data in a production stack and must be kept from deletion (protect: true, got protect false).",
    ]);
  });

  it("Noncompliance 3: a secret version that is destroyed on replacement", async () => {
    const all = baseline();
    const version = edit(byName(all, "key-value"), { deletionPolicy: "DELETE" });
    assert.deepEqual(open(await findings(P, replace(all, "key-value", version))), [
      'key-value: gcp:secretmanager/secretVersion:SecretVersion key-value holds data in a production stack and must be kept from deletion (protect or deletionPolicy ABANDON/DISABLE, got protect false and deletionPolicy "DELETE").',
    ]);
  });

  it("Noncompliance 4: a push subscription and a repository without options at all", async () => {
    const all = baseline();
    const strip = (r: RecordedResource): RecordedResource => {
      const { options: _drop, ...rest } = r;
      return rest;
    };
    const changed = replace(
      replace(all, "push", strip(byName(all, "push"))),
      "images",
      strip(byName(all, "images")),
    );
    assert.deepEqual(open(await findings(P, changed)).length, 2);
  });
});
