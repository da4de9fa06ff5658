import assert from "node:assert/strict";
import {
  BASIC_ROLES,
  consumerBindings,
  deployerMember,
  keyUserBinding,
  PUBLIC_MEMBERS,
  serviceAccountMember,
  serviceAgentEmail,
} from "../../../components/gcp/iam";

describe("gcp iam", () => {
  describe("serviceAgentEmail", () => {
    const cases: [Parameters<typeof serviceAgentEmail>[0], string][] = [
      ["pubsub", "service-482901735528@gcp-sa-pubsub.iam.gserviceaccount.com"],
      ["secretmanager", "service-482901735528@gcp-sa-secretmanager.iam.gserviceaccount.com"],
      ["artifactregistry", "service-482901735528@gcp-sa-artifactregistry.iam.gserviceaccount.com"],
    ];
    for (const [agent, email] of cases) {
      it(`derives the ${agent} agent from the project number`, () => {
        assert.equal(serviceAgentEmail(agent, "482901735528"), email);
      });
    }

    for (const bad of ["", "acme-events-dev", "0123", "12 3"]) {
      it(`refuses the project number ${JSON.stringify(bad)}`, () => {
        assert.throws(() => serviceAgentEmail("pubsub", bad), /project number is all digits/);
      });
    }
  });

  it("prefixes service account members", () => {
    assert.equal(
      serviceAccountMember("a@p.iam.gserviceaccount.com"),
      "serviceAccount:a@p.iam.gserviceaccount.com",
    );
  });

  describe("deployerMember", () => {
    const cases: [string, string][] = [
      [
        "eventstack-deploy-dev@acme-events-dev.iam.gserviceaccount.com",
        "serviceAccount:eventstack-deploy-dev@acme-events-dev.iam.gserviceaccount.com",
      ],
      ["ada@example.com", "user:ada@example.com"],
    ];
    for (const [email, member] of cases) {
      it(`Compliance: ${email} deploys as ${member}`, () => {
        assert.equal(deployerMember(email), member);
      });
    }
    for (const bad of ["", "deployer", "a@b@c.com", "serviceAccount:a@p.iam.gserviceaccount.com"]) {
      it(`Noncompliance: refuses the OpenID email ${JSON.stringify(bad)}, naming it`, () => {
        assert.throws(
          () => deployerMember(bad),
          (err: Error) =>
            err.message.includes(`got ${JSON.stringify(bad)}`) &&
            err.message.includes("userinfo.email scope"),
        );
      });
    }
  });

  const who = {
    runtime: "serviceAccount:run",
    push: "serviceAccount:push",
    pubsubAgent: "serviceAccount:agent",
    deployer: "serviceAccount:deployer",
  };

  it("grants a consumer with a secret exactly invoker, token creator, subscriber, publisher, accessor and the deployer's actAs on both accounts", () => {
    assert.deepEqual(consumerBindings(who, true), {
      serviceInvoker: { role: "roles/run.invoker", member: "serviceAccount:push" },
      pushTokenCreator: {
        role: "roles/iam.serviceAccountTokenCreator",
        member: "serviceAccount:agent",
      },
      subscriptionSubscriber: { role: "roles/pubsub.subscriber", member: "serviceAccount:agent" },
      deadLetterPublisher: { role: "roles/pubsub.publisher", member: "serviceAccount:agent" },
      secretAccessor: { role: "roles/secretmanager.secretAccessor", member: "serviceAccount:run" },
      runtimeActAs: { role: "roles/iam.serviceAccountUser", member: "serviceAccount:deployer" },
      pushActAs: { role: "roles/iam.serviceAccountUser", member: "serviceAccount:deployer" },
    });
  });

  it("grants a consumer without a secret no secret access", () => {
    assert.equal(consumerBindings(who, false).secretAccessor, undefined);
  });

  it("never names a public principal or a basic role", () => {
    const all = [
      ...Object.values(consumerBindings(who, true)),
      keyUserBinding("serviceAccount:agent"),
    ].filter((b) => b !== undefined);
    for (const b of all) {
      assert.ok(!(BASIC_ROLES as readonly string[]).includes(b.role), b.role);
      assert.ok(!(PUBLIC_MEMBERS as readonly string[]).includes(b.member), b.member);
    }
  });

  it("lets a service agent use its key to encrypt and decrypt, nothing more", () => {
    assert.deepEqual(keyUserBinding("serviceAccount:agent"), {
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      member: "serviceAccount:agent",
    });
  });
});
