import assert from "node:assert/strict";
import { BASIC_ROLES, PUBLIC_MEMBERS } from "../../../components/gcp/iam";
import type { Plan } from "../../../policies/offline/plan";
import { ofType, plan, withSecret } from "../../support/plan";
import { at, iamMembers, T } from "./plan-helpers";

/** Every resource type the platform plans, and the input that carries its labels (or none). */
const LABEL_FIELD: Record<string, string | null> = {
  [T.topic]: "labels",
  [T.subscription]: "labels",
  [T.run]: "labels",
  [T.secret]: "labels",
  [T.key]: "labels",
  [T.repository]: "labels",
  [T.image]: "labels",
  [T.alert]: "userLabels",
  [T.channel]: "userLabels",
  // These take no labels.
  [T.service]: null,
  // A wait, not a cloud resource: nothing to label.
  [T.sleep]: null,
  [T.identity]: null,
  [T.account]: null,
  [T.accountIam]: null,
  [T.runIam]: null,
  [T.topicIam]: null,
  [T.subscriptionIam]: null,
  [T.secretIam]: null,
  [T.secretVersion]: null,
  [T.keyRing]: null,
  [T.keyIam]: null,
  [T.network]: null,
  [T.subnet]: null,
  // Carries its labels inside dashboardJson (checked below).
  [T.dashboard]: null,
  // Firestore databases take no labels (only resource-manager tags); fields and IAM members neither.
  "gcp:firestore/database:Database": null,
  "gcp:firestore/field:Field": null,
  "gcp:projects/iAMMember:IAMMember": null,
};

const stacks: [string, () => Promise<Plan>, string][] = [
  ["dev", () => plan("dev", withSecret("dev", "x")), "dev"],
  ["prod on gcp", () => plan("prod", { "eventstack:cloud": "gcp", ...withSecret("prod") }), "prod"],
];

for (const [label, planIt, environment] of stacks) {
  describe(`GcpPlatform security and hygiene (${label})`, () => {
    let p: Plan;
    before(async () => {
      p = await planIt();
    });
    const cloud = () => p.resources.filter((r) => r.custom);

    it("grants no role to a public principal and no basic role", () => {
      const members = iamMembers(p);
      assert.ok(members.length > 0);
      for (const m of members) {
        assert.ok(!(PUBLIC_MEMBERS as readonly string[]).includes(String(m.inputs.member)), m.name);
        assert.ok(!(BASIC_ROLES as readonly string[]).includes(String(m.inputs.role)), m.name);
        assert.match(String(m.inputs.member), /^serviceAccount:/, m.name);
      }
    });

    it("grants nothing at project, folder or organization level but datastore.user on the one database", () => {
      const wide = p.resources.filter((r) =>
        /^gcp:(projects|folder|organizations)\/.*iam/i.test(r.type),
      );
      // Firestore has no per-database IAM policy: each consumer's grant is the project's, with a
      // condition naming the stack's database (components/gcp/state-store.ts).
      const database = String(
        ofType(p, "gcp:firestore/database:Database")[0]?.inputs.name ?? "(no database)",
      );
      const project = String(wide[0]?.inputs.project);
      assert.deepEqual(
        wide.map((r) => [r.type, r.inputs.role, at(r.inputs, "condition.expression")]),
        ["orders", "audit"].map(() => [
          "gcp:projects/iAMMember:IAMMember",
          "roles/datastore.user",
          `resource.name == "projects/${project}/databases/${database}"`,
        ]),
      );
    });

    it("runs every service as its own service account, behind internal ingress", () => {
      const accounts = ofType(p, T.run).map((s) => String(at(s.inputs, "template.serviceAccount")));
      assert.equal(new Set(accounts).size, accounts.length);
      for (const a of accounts) assert.doesNotMatch(a, /-compute@developer\.gserviceaccount\.com$/);
      for (const s of ofType(p, T.run))
        assert.equal(s.inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_ONLY");
    });

    it("pushes only to https endpoints with an OIDC token, every push subscription dead-lettered", () => {
      const push = ofType(p, T.subscription).filter((s) => s.inputs.pushConfig !== undefined);
      assert.equal(push.length, ofType(p, T.run).length);
      for (const s of push) {
        assert.match(String(at(s.inputs, "pushConfig.pushEndpoint")), /^https:\/\//);
        assert.match(
          String(at(s.inputs, "pushConfig.oidcToken.serviceAccountEmail")),
          /@.*\.iam\.gserviceaccount\.com$/,
        );
        assert.match(String(at(s.inputs, "pushConfig.oidcToken.audience")), /^https:\/\//);
        assert.ok(Number(at(s.inputs, "deadLetterPolicy.maxDeliveryAttempts")) >= 5);
      }
    });

    it("keeps a subscription on every dead-letter topic", () => {
      const deadLetterTopics = ofType(p, T.subscription)
        .map((s) => at(s.inputs, "deadLetterPolicy.deadLetterTopic"))
        .filter((t) => t !== undefined);
      assert.ok(deadLetterTopics.length > 0);
      for (const topic of deadLetterTopics) {
        assert.ok(
          ofType(p, T.subscription).some((s) => s.inputs.topic === topic),
          String(topic),
        );
      }
    });

    it("notifies a channel from every alert policy", () => {
      for (const a of ofType(p, T.alert)) {
        const channels = a.inputs.notificationChannels as unknown[];
        assert.ok(Array.isArray(channels) && channels.length > 0, a.name);
      }
    });

    it("labels every resource that takes labels with environment, stack and managed-by", () => {
      for (const r of cloud()) {
        assert.ok(r.type in LABEL_FIELD, `no labelling decision for ${r.type}`);
        const field = LABEL_FIELD[r.type];
        if (field === null || field === undefined) continue;
        const labels = r.inputs[field] as Record<string, string> | undefined;
        assert.equal(labels?.environment, environment, `${r.type} ${r.name}`);
        assert.equal(labels?.stack, environment, `${r.type} ${r.name}`);
        assert.equal(labels?.["managed-by"], "eventstack", `${r.type} ${r.name}`);
        assert.equal(labels?.team, "platform", `${r.type} ${r.name}`);
      }
      const dashboard = ofType(p, T.dashboard)[0];
      const dashboardLabels = at(JSON.parse(String(dashboard?.inputs.dashboardJson)), "labels");
      assert.equal(at(dashboardLabels, "managed-by"), "eventstack");
    });

    it("adds the consumer label to every consumer's labelled resources", () => {
      for (const r of cloud()) {
        const field = LABEL_FIELD[r.type];
        if (field === null || field === undefined) continue;
        const consumer = /^eventstack-(orders|audit)-/.exec(r.name)?.[1];
        if (consumer === undefined) continue;
        assert.equal(
          (r.inputs[field] as Record<string, string>).consumer,
          consumer,
          `${r.type} ${r.name}`,
        );
      }
    });
  });
}
