import assert from "node:assert/strict";
import { ConfigError } from "../../components/config-errors";
import { parseConfig } from "../../components/config";

/** A valid dev config on `cloud`, as the engine passes it, with `extra` keys. */
function raw(cloud: "aws" | "gcp", extra: Record<string, string>): Record<string, string> {
  return {
    "eventstack:cloud": cloud,
    "eventstack:environment": "dev",
    "eventstack:alertEmail": "oncall@example.com",
    "eventstack:consumers": JSON.stringify([
      { name: "orders", eventTypes: ["com.example.order.placed.v1"] },
    ]),
    "gcp:project": "acme-events-dev",
    "gcp:region": "europe-west1",
    "aws:region": "eu-west-1",
    ...extra,
  };
}

function problems(cloud: "aws" | "gcp", extra: Record<string, string>): string[] {
  try {
    parseConfig(raw(cloud, extra), { stack: "dev" });
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.problems.map((p) => p.message);
  }
  assert.fail("the config was accepted");
}

describe("config: dead-letter operator keys", () => {
  it("Compliance 1: no operator key leaves both to the platform's defaults", () => {
    const c = parseConfig(raw("aws", {}), { stack: "dev" });
    assert.equal(c.operatorPrincipalArn, undefined);
    assert.equal(c.gcp.operatorMember, undefined);
  });

  const arns = [
    "arn:aws:iam::123456789012:role/oncall",
    "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Ops_0123",
    "arn:aws:iam::210987654321:root",
    "arn:aws-us-gov:iam::123456789012:user/ada",
  ];
  arns.forEach((arn, i) => {
    it(`Compliance ${i + 2}: eventstack:operatorPrincipalArn ${arn} on aws`, () => {
      const c = parseConfig(raw("aws", { "eventstack:operatorPrincipalArn": arn }), {
        stack: "dev",
      });
      assert.equal(c.operatorPrincipalArn, arn);
    });
  });

  it("Compliance 6: eventstack:operatorMember group:oncall@example.com on gcp", () => {
    const c = parseConfig(raw("gcp", { "eventstack:operatorMember": "group:oncall@example.com" }), {
      stack: "dev",
    });
    assert.equal(c.gcp.operatorMember, "group:oncall@example.com");
  });

  const badArns = ["*", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::1234:root", "oncall"];
  badArns.forEach((arn, i) => {
    it(`Noncompliance ${i + 1}: eventstack:operatorPrincipalArn ${JSON.stringify(arn)}`, () => {
      const found = problems("aws", { "eventstack:operatorPrincipalArn": arn });
      assert.ok(
        found.some((m) => m.includes("operatorPrincipalArn") && m.includes("IAM role, user")),
        found.join("\n"),
      );
    });
  });

  const badMembers = [
    "allUsers",
    "allAuthenticatedUsers",
    "domain:example.com",
    "oncall@example.com",
  ];
  badMembers.forEach((member, i) => {
    it(`Noncompliance ${i + 5}: eventstack:operatorMember ${JSON.stringify(member)}`, () => {
      const found = problems("gcp", { "eventstack:operatorMember": member });
      assert.ok(
        found.some((m) => m.includes("operatorMember") && m.includes("group:oncall@example.com")),
        found.join("\n"),
      );
    });
  });

  it("Noncompliance 9: an operator key of the other cloud is refused, naming the key and value", () => {
    assert.deepEqual(
      problems("gcp", {
        "eventstack:operatorPrincipalArn": "arn:aws:iam::123456789012:role/oncall",
      }),
      [
        'eventstack:operatorPrincipalArn applies to eventstack:cloud "aws" only, got it on "gcp" (value "arn:aws:iam::123456789012:role/oncall")',
      ],
    );
    assert.deepEqual(problems("aws", { "eventstack:operatorMember": "user:ada@example.com" }), [
      'eventstack:operatorMember applies to eventstack:cloud "gcp" only, got it on "aws" (value "user:ada@example.com")',
    ]);
  });
});
