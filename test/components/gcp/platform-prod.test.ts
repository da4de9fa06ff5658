import assert from "node:assert/strict";
import { platformNames } from "../../../components/gcp/naming";
import type { Plan } from "../../../policies/offline/plan";
import { ofType, one, plan, withSecret } from "../../support/plan";
import { at, grants, inputsOf, T } from "./plan-helpers";

const PROJECT = "acme-events-prod";
const agent = (service: string) =>
  `serviceAccount:service-482901735528@gcp-sa-${service}.iam.gserviceaccount.com`;
const n = platformNames("eventstack", "prod");

describe("GcpPlatform on the prod stack (eventstack:cloud gcp)", () => {
  let p: Plan;
  before(async () => {
    p = await plan("prod", { "eventstack:cloud": "gcp", ...withSecret("prod") });
  });

  const keyId = (service: string) => one(p, T.key, `eventstack-encryption-${service}`).id;

  it("creates one 90-day rotating key per encrypting service in a key ring in the region", () => {
    const [ring] = ofType(p, T.keyRing);
    assert.deepEqual(ring?.inputs, { project: PROJECT, location: "europe-west1" });
    assert.deepEqual(
      ofType(p, T.key).map((k) => k.name),
      [
        "eventstack-encryption-pubsub",
        "eventstack-encryption-secretmanager",
        "eventstack-encryption-artifactregistry",
        "eventstack-encryption-firestore",
      ],
    );
    for (const key of ofType(p, T.key)) {
      assert.equal(key.inputs.keyRing, ring?.id);
      assert.equal(key.inputs.purpose, "ENCRYPT_DECRYPT");
      assert.equal(key.inputs.rotationPeriod, "7776000s");
    }
  });

  it("lets each service agent use its own key only, never a project-wide grant", () => {
    const keyGrants = ofType(p, T.keyIam).map((g) => [
      g.inputs.cryptoKeyId,
      g.inputs.role,
      g.inputs.member,
    ]);
    assert.deepEqual(keyGrants, [
      [keyId("pubsub"), "roles/cloudkms.cryptoKeyEncrypterDecrypter", agent("pubsub")],
      [
        keyId("secretmanager"),
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        agent("secretmanager"),
      ],
      [
        keyId("artifactregistry"),
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        agent("artifactregistry"),
      ],
      [keyId("firestore"), "roles/cloudkms.cryptoKeyEncrypterDecrypter", agent("firestore")],
    ]);
    assert.deepEqual(
      ofType(p, T.identity).map((i) => i.inputs.service),
      [
        "pubsub.googleapis.com",
        "secretmanager.googleapis.com",
        "artifactregistry.googleapis.com",
        "firestore.googleapis.com",
      ],
    );
    assert.ok(ofType(p, T.service).some((s) => s.inputs.service === "cloudkms.googleapis.com"));
  });

  it("encrypts the events topic and every dead-letter topic with the Pub/Sub key, after its grant", () => {
    // The grant, and the wait for it to propagate, come before any topic.
    const grant = one(p, T.sleep, "eventstack-encryption-grants-wait");
    assert.ok(
      grant.dependencies.includes(one(p, T.keyIam, "eventstack-encryption-pubsub-user").urn),
    );
    const topics = ofType(p, T.topic);
    assert.equal(topics.length, 3);
    for (const topic of topics) {
      assert.equal(topic.inputs.kmsKeyName, keyId("pubsub"), topic.name);
      assert.ok(
        topic.dependencies.includes(grant.urn),
        `${topic.name} does not wait for the key grant`,
      );
    }
    assert.equal(
      inputsOf(p, T.topic, "eventstack-events-topic").messageRetentionDuration,
      "2678400s",
    );
  });

  it("replicates secrets in the region under the Secret Manager key and protects them from deletion", () => {
    const secret = inputsOf(p, T.secret, "eventstack-secrets-orders-api-key");
    assert.deepEqual(secret.replication, {
      userManaged: {
        replicas: [
          {
            location: "europe-west1",
            customerManagedEncryption: { kmsKeyName: keyId("secretmanager") },
          },
        ],
      },
    });
    assert.equal(secret.deletionProtection, true);
  });

  it("encrypts the image repository with the Artifact Registry key", () => {
    assert.equal(
      inputsOf(p, T.repository, "eventstack-image-repository").kmsKeyName,
      keyId("artifactregistry"),
    );
  });

  it("protects the services from deletion and applies prod sizing and delivery defaults", () => {
    const ordersSvc = inputsOf(p, T.run, "eventstack-orders-service");
    assert.equal(ordersSvc.deletionProtection, true);
    assert.equal(at(ordersSvc, "template.timeout"), "300s");
    assert.equal(at(ordersSvc, "template.containers.0.resources.limits.memory"), "1024Mi");
    const auditSvc = inputsOf(p, T.run, "eventstack-audit-service");
    assert.equal(at(auditSvc, "template.timeout"), "60s");
    assert.equal(at(auditSvc, "template.containers.0.resources.limits.memory"), "512Mi");

    const ordersSub = inputsOf(p, T.subscription, "eventstack-orders-subscription");
    assert.equal(ordersSub.ackDeadlineSeconds, 300);
    assert.deepEqual(ordersSub.deadLetterPolicy, {
      deadLetterTopic: `projects/${PROJECT}/topics/eventstack-prod-orders-dlq`,
      maxDeliveryAttempts: 10,
    });
    assert.equal(
      inputsOf(p, T.subscription, "eventstack-audit-subscription").ackDeadlineSeconds,
      60,
    );
  });

  it("sends the services' private traffic through the stack's VPC (prod sets privateNetworking)", () => {
    const network = one(p, T.network, "eventstack-network-vpc");
    const subnet = one(p, T.subnet, "eventstack-network-subnet");
    assert.deepEqual(network.inputs, {
      project: PROJECT,
      name: n.network,
      description: "eventstack consumers' private egress",
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
    });
    assert.equal(subnet.inputs.network, network.id);
    assert.equal(subnet.inputs.region, "europe-west1");
    // Two consumers scaling to 100 instances each, four addresses per instance.
    assert.equal(subnet.inputs.ipCidrRange, "10.8.0.0/20");
    assert.equal(subnet.inputs.privateIpGoogleAccess, true);
    for (const svc of ofType(p, T.run)) {
      assert.deepEqual(at(svc.inputs, "template.vpcAccess"), {
        egress: "PRIVATE_RANGES_ONLY",
        networkInterfaces: [{ network: network.id, subnetwork: subnet.id }],
      });
    }
    assert.ok(ofType(p, T.service).some((s) => s.inputs.service === "compute.googleapis.com"));
  });

  it("makes the same per-consumer grants as dev, with prod's identities", () => {
    // The dead-letter operator's grants have their own tests (operator-access.test.ts).
    const lines = grants(p).filter(
      (g) => !g.startsWith("kms/") && !g.includes(" eventstack-operator-"),
    );
    // Per consumer: invoker, subscriber, publisher, token creator, actAs on both accounts and
    // datastore.user on the stack's database; the orders secret's accessor.
    assert.equal(lines.length, 15);
    const orders = n.consumer("orders", "accounts do not depend on the filter");
    assert.ok(
      lines.includes(
        `cloudrunv2/serviceIamMember eventstack-orders-invoker: roles/run.invoker serviceAccount:${orders.pushAccountId}@${PROJECT}.iam.gserviceaccount.com`,
      ),
    );
  });
});
