import assert from "node:assert/strict";
import { ROLES } from "../../../components/gcp/iam";
import { NAME_LIMITS, platformNames } from "../../../components/gcp/naming";
import { operatorAccountId, operatorBindings } from "../../../components/gcp/operator-access";
import type { Plan } from "../../../policies/offline/plan";
import { ofType, one, plan, withSecret } from "../../support/plan";
import { T } from "./plan-helpers";

const gcp = { "eventstack:cloud": "gcp" };

describe("gcp dead-letter operator access", () => {
  describe("operatorBindings", () => {
    it("subscribes to dead letters and publishes to the topic, and nothing else", () => {
      assert.deepEqual(operatorBindings("serviceAccount:op", undefined), {
        deadLetterSubscriber: { role: "roles/pubsub.subscriber", member: "serviceAccount:op" },
        topicPublisher: { role: "roles/pubsub.publisher", member: "serviceAccount:op" },
        impersonation: undefined,
      });
    });

    it("lets the configured member mint the account's tokens", () => {
      assert.deepEqual(
        operatorBindings("serviceAccount:op", "group:oncall@example.com").impersonation,
        {
          role: "roles/iam.serviceAccountTokenCreator",
          member: "group:oncall@example.com",
        },
      );
    });
  });

  describe("operatorAccountId", () => {
    const cases = ["eventstack-dev", "eventstack-prod", `eventstack-${"x".repeat(90)}`];
    for (const prefix of cases) {
      it(`is a valid service account id for the prefix ${prefix.slice(0, 24)}…`, () => {
        const id = operatorAccountId(prefix);
        assert.match(id, /^dlq-operator-[0-9a-f]{4}$/);
        assert.ok(
          id.length >= NAME_LIMITS.serviceAccountMin && id.length <= NAME_LIMITS.serviceAccount,
        );
      });
    }
    it("differs between stacks sharing a project", () => {
      assert.notEqual(operatorAccountId("eventstack-dev"), operatorAccountId("eventstack-prod"));
    });
  });

  describe("prod stack on gcp (customer-managed keys)", () => {
    let p: Plan;
    before(async () => {
      p = await plan("prod", { ...withSecret("prod"), ...gcp });
    });

    it("creates the operator account with no project roles and exports its email", () => {
      const account = one(p, T.account, "eventstack-operator-account");
      const prefix = platformNames("eventstack", "prod").prefix;
      assert.equal(account.inputs.accountId, operatorAccountId(prefix));
      assert.equal(account.inputs.project, "acme-events-prod");
      assert.equal(p.outputs.deadLetterOperator, account.outputs.email);
    });

    it("grants roles/pubsub.subscriber on each consumer's dead-letter subscription, and only there", () => {
      const account = one(p, T.account, "eventstack-operator-account");
      const member = `serviceAccount:${String(account.outputs.email)}`;
      const grants = ofType(p, T.subscriptionIam).filter((g) => g.inputs.member === member);
      const deadLetterSubscriptions = ofType(p, T.subscription)
        .filter((s) => s.name.endsWith("-dead-letter-subscription"))
        .map((s) => s.inputs.name);
      assert.ok(deadLetterSubscriptions.length >= 2, "both shipped consumers");
      assert.deepEqual(
        grants.map((g) => [g.inputs.subscription, g.inputs.role]).sort(),
        deadLetterSubscriptions.map((s) => [s, ROLES.pubsubSubscriber]).sort(),
      );
    });

    it("grants roles/pubsub.publisher on the events topic only, and no Cloud KMS role", () => {
      const account = one(p, T.account, "eventstack-operator-account");
      const member = `serviceAccount:${String(account.outputs.email)}`;
      const topic = one(p, T.topic, "eventstack-events-topic");
      assert.deepEqual(
        ofType(p, T.topicIam)
          .filter((g) => g.inputs.member === member)
          .map((g) => [g.inputs.topic, g.inputs.role]),
        [[topic.inputs.name, ROLES.pubsubPublisher]],
      );
      assert.deepEqual(
        ofType(p, T.keyIam).filter((g) => g.inputs.member === member),
        [],
      );
    });

    it("grants no impersonation without eventstack:operatorMember", () => {
      assert.deepEqual(
        ofType(p, T.accountIam).filter((g) => g.name === "eventstack-operator-impersonation"),
        [],
      );
    });
  });

  it("lets eventstack:operatorMember impersonate the operator account, on that account alone", async () => {
    const p = await plan("dev", { "eventstack:operatorMember": "group:oncall@example.com" });
    const grant = one(p, T.accountIam, "eventstack-operator-impersonation");
    const account = one(p, T.account, "eventstack-operator-account");
    assert.deepEqual(
      [grant.inputs.serviceAccountId, grant.inputs.role, grant.inputs.member],
      [account.outputs.name, ROLES.tokenCreator, "group:oncall@example.com"],
    );
  });
});
