import assert from "node:assert/strict";
import { gcpIamProjectDisallowWildcardDatabaseCondition as P } from "../../../../policies/gcp/iam/disallow-wildcard-database-condition";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

const SA = "serviceAccount:orders-run@shop-prod.iam.gserviceaccount.com";
const ONE = 'resource.name == "projects/shop-prod/databases/eventstack-prod-data"';
const baseline = () =>
  res("gcp:projects/iAMMember:IAMMember", "orders-datastore-user", {
    project: "shop-prod",
    role: "roles/datastore.user",
    member: SA,
    condition: { title: "eventstack-orders-database", expression: ONE },
  });
const withExpression = (expression: string) =>
  edit(baseline(), { condition: { title: "t", expression } });

describe("gcp-iam-project-disallow-wildcard-database-condition", () => {
  it("Compliance 1: the condition names exactly one database", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: the (default) database, single-quoted", async () => {
    const r = withExpression("resource.name == 'projects/shop-prod/databases/(default)'");
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 3: a condition on a role that is not Firestore's is not judged here", async () => {
    const r = edit(withExpression("request.time < timestamp('2030-01-01T00:00:00Z')"), {
      role: "roles/logging.logWriter",
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Compliance 4: an expression still unknown in a preview", async () => {
    const r = edit(baseline(), { condition: { title: "t", expression: UNKNOWN } });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: a prefix of database names", async () => {
    const expr = 'resource.name.startsWith("projects/shop-prod/databases/eventstack-")';
    assert.deepEqual(open(await findings(P, withExpression(expr))), [
      `orders-datastore-user: condition.expression must limit "roles/datastore.user" to one database (resource.name == "projects/<p>/databases/<id>"), got ${JSON.stringify(expr)}.`,
    ]);
  });

  it("Noncompliance 2: two databases joined by ||", async () => {
    const expr = `${ONE} || resource.name == "projects/shop-prod/databases/other"`;
    assert.equal(open(await findings(P, withExpression(expr))).length, 1);
  });

  it("Noncompliance 3: a pattern match", async () => {
    const expr = 'resource.name.matches("projects/shop-prod/databases/.*")';
    assert.equal(open(await findings(P, withExpression(expr))).length, 1);
  });

  it("Noncompliance 4: the same grant as a binding of datastore.owner", async () => {
    const r = res("gcp:projects/iAMBinding:IAMBinding", "owners", {
      project: "shop-prod",
      role: "roles/datastore.owner",
      members: [SA],
      condition: { title: "t", expression: 'resource.name.endsWith("-data")' },
    });
    assert.equal(open(await findings(P, r)).length, 1);
  });
});
