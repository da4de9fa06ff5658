import assert from "node:assert/strict";
import { awsIamRoleDisallowWildcardTrust as P } from "../../../../policies/aws/iam/disallow-wildcard-trust";
import * as sentinels from "@pulumi/policy/proxy";
import { edit, findings, open, res, UNKNOWN } from "../../support/policy-test";

/** The sentinel the engine sends for an object not known yet (not in the SDK's typings). */
const UNKNOWN_OBJECT = (sentinels as unknown as { unknownObjectValue: string }).unknownObjectValue;

const trust = (principal: unknown) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
  });
const baseline = () =>
  res("aws:iam/role:Role", "fn", { assumeRolePolicy: trust({ Service: "lambda.amazonaws.com" }) });

describe("aws-iam-role-disallow-wildcard-trust", () => {
  it("Compliance 1: trust limited to the Lambda service", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: trust policy given as an object naming an account", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "sts:AssumeRole",
        },
      },
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: Principal `*`", async () => {
    assert.deepEqual(open(await findings(P, edit(baseline(), { assumeRolePolicy: trust("*") }))), [
      'fn: assumeRolePolicy statement 1: the principal allowed to assume the role must be specific, got "*".',
    ]);
  });

  it('Noncompliance 2: Principal `{ AWS: ["*"] }`', async () => {
    const r = edit(baseline(), { assumeRolePolicy: trust({ AWS: ["arn:aws:iam::1:root", "*"] }) });
    assert.equal(open(await findings(P, r)).length, 1);
  });

  it("Noncompliance 3: NotPrincipal (everyone but one account) may assume the role", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: {
          Effect: "Allow",
          NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "sts:AssumeRole",
        },
      }),
    });
    assert.deepEqual(open(await findings(P, r)), [
      'fn: assumeRolePolicy statement 1: the principal allowed to assume the role must be specific, got NotPrincipal {"AWS":["arn:aws:iam::123456789012:root"]}.',
    ]);
  });

  it('defers (advisory "can\'t run") when the trust policy is not known during a preview', async () => {
    const v = await findings(P, edit(baseline(), { assumeRolePolicy: UNKNOWN }));
    assert.equal(v.length, 1);
    assert.equal(v[0]?.enforcementLevel, "advisory");
    assert.match(
      v[0]?.message ?? "",
      /can't run policy 'aws-iam-role-disallow-wildcard-trust' .* during preview/,
    );
  });

  it("defers, rather than failing the shape, when an object document's Principal is not known yet", async () => {
    const r = edit(baseline(), {
      assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: UNKNOWN_OBJECT, Action: "sts:AssumeRole" }],
      },
    });
    const v = await findings(P, r);
    assert.deepEqual(
      v.map((x) => x.enforcementLevel),
      ["advisory"],
    );
    assert.match(v[0]?.message ?? "", /during preview/);
  });
});
