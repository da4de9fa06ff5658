import assert from "node:assert/strict";
import { awsCloudwatchEventPermissionDisallowPublicPrincipal as P } from "../../../../policies/aws/cloudwatch/eventpermission-disallow-public-principal";
import { edit, findings, open, res } from "../../support/policy-test";

const baseline = () =>
  res("aws:cloudwatch/eventPermission:EventPermission", "partner", {
    principal: "210987654321",
    statementId: "PartnerAccount",
    eventBusName: "orders",
    action: "events:PutEvents",
  });

describe("aws-cloudwatch-eventpermission-disallow-public-principal", () => {
  it("Compliance 1: one partner account may put events", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: `*` limited to one organization", async () => {
    const r = edit(baseline(), {
      principal: "*",
      condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: "o-abc123" },
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });

  it("Noncompliance 1: `*` without a condition (any account may put events)", async () => {
    const r = edit(baseline(), { principal: "*" });
    assert.deepEqual(open(await findings(P, r)), [
      'partner: principal must be an account id, or "*" limited by a condition on aws:PrincipalOrgID naming an organization, got "*" with condition null.',
    ]);
  });

  it("Noncompliance 2: a Lambda layer shared with `*` and no organizationId", async () => {
    const r = res("aws:lambda/layerVersionPermission:LayerVersionPermission", "layer", {
      layerName: "shared",
      versionNumber: 3,
      action: "lambda:GetLayerVersion",
      principal: "*",
      statementId: "everyone",
    });
    assert.deepEqual(open(await findings(P, r)), [
      'layer: principal must be an account id, or "*" limited by organizationId, got "*".',
    ]);
  });

  it("Compliance 3: a Lambda layer shared with one organization", async () => {
    const r = res("aws:lambda/layerVersionPermission:LayerVersionPermission", "layer", {
      layerName: "shared",
      versionNumber: 3,
      action: "lambda:GetLayerVersion",
      principal: "*",
      organizationId: "o-abc123",
      statementId: "org",
    });
    assert.deepEqual(open(await findings(P, r)), []);
  });
});
