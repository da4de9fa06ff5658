/**
 * The bootstrap program (docs/bootstrap) planned offline like the main one: the same mock runtime,
 * the same policy pack with zero open mandatory findings, the trust conditions exact, and the
 * deploy identities able to manage every resource the main program plans.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseBootstrapConfig } from "../../docs/bootstrap/config";
import { deployPolicy } from "../../docs/bootstrap/aws-permissions";
import { ACT_AS_ROLE, GCP_ROLES_BY_TYPE, rolesOf } from "../../docs/bootstrap/gcp-roles";
import { evaluatePolicies } from "../../policies/offline/evaluate";
import { loadPolicyConfig } from "../../policies/offline/policy-config";
import { policyPropertiesSchema } from "../../policies/lib/exemptions";
import { planStack, type Plan } from "../../policies/offline/plan";
import type { RecordedResource } from "../../policies/offline/mock-types";
import { plan as planMain, PROJECT_DIR } from "../support/plan";

const BOOTSTRAP_DIR = join(PROJECT_DIR, "docs/bootstrap");
const BOOTSTRAP_POLICY_CONFIG = loadPolicyConfig(join(BOOTSTRAP_DIR, "policy-config.json"));
const REPO = "example-org/eventstack";

const planBootstrap = (stack: "gcp" | "aws") => planStack({ projectDir: BOOTSTRAP_DIR, stack });
const ofType = (p: Plan, type: string) => p.resources.filter((r) => r.type === type);
const named = (p: Plan, type: string, name: string): RecordedResource => {
  const found = ofType(p, type).find((r) => r.name === name);
  assert.ok(
    found,
    `${type} ${name} in ${ofType(p, type)
      .map((r) => r.name)
      .join(", ")}`,
  );
  return found;
};
const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

describe("bootstrap (docs/bootstrap), planned offline", function () {
  this.timeout(300_000);

  for (const stack of ["gcp", "aws"] as const) {
    it(`${stack}: passes every mandatory policy of the pack with the bootstrap's own policy config`, async () => {
      const p = await planBootstrap(stack);
      assert.ok(p.resources.length > 3, "it plans resources");
      const violations = await evaluatePolicies(p.resources, {
        stack: p.stack,
        project: p.project,
        config: BOOTSTRAP_POLICY_CONFIG,
      });
      assert.deepEqual(
        violations
          .filter((v) => v.enforcementLevel === "mandatory" && v.exemption === undefined)
          .map((v) => `${v.policy} ${v.urn}: ${v.message}`),
        [],
      );
    });
  }

  it("exempts only the deploy account's Pub/Sub and Secret Manager admin grants, each a planned resource the policy flags", async () => {
    const p = await planBootstrap("gcp");
    const exemptions = [...BOOTSTRAP_POLICY_CONFIG.policies].flatMap(([policy, settings]) =>
      (policyPropertiesSchema.parse(settings.properties).exemptions ?? []).map(
        (e) => `${policy} ${e.urn}`,
      ),
    );
    const flagged = (
      await evaluatePolicies(p.resources, { stack: p.stack, project: p.project })
    ).map((v) => `${v.policy} ${v.urn}`);
    const urn = (role: string) =>
      `gcp-iam-project-disallow-broad-data-access ${named(p, "gcp:projects/iAMMember:IAMMember", `eventstack-bootstrap-deploy-dev-${role}`).urn}`;
    assert.deepEqual(exemptions.sort(), [urn("pubsub-admin"), urn("secretmanager-admin")]);
    for (const e of exemptions) assert.ok(flagged.includes(e), `${e} is flagged without it`);
  });

  describe("gcp", () => {
    it("accepts pull-request tokens only through the preview provider, and one environment's through its deploy provider", async () => {
      const p = await planBootstrap("gcp");
      const preview = named(
        p,
        "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
        "eventstack-bootstrap-preview",
      );
      assert.equal(
        preview.inputs.attributeCondition,
        `assertion.repository == "${REPO}" && assertion.sub == "repo:${REPO}:pull_request"`,
      );
      const deploy = named(
        p,
        "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
        "eventstack-bootstrap-deploy-dev",
      );
      assert.equal(
        deploy.inputs.attributeCondition,
        `assertion.repository == "${REPO}" && assertion.environment == "development"`,
      );
      assert.deepEqual(deploy.inputs.oidc, {
        issuerUri: "https://token.actions.githubusercontent.com",
      });
    });

    it("lets only the environment's subject impersonate the deploy account, and pull requests the preview account", async () => {
      const p = await planBootstrap("gcp");
      const type = "gcp:serviceaccount/iAMMember:IAMMember";
      const deploy = named(p, type, "eventstack-bootstrap-deploy-dev-wif");
      assert.equal(deploy.inputs.role, "roles/iam.workloadIdentityUser");
      assert.match(
        str(deploy.inputs.member),
        new RegExp(
          `^principal://iam\\.googleapis\\.com/.+/workloadIdentityPools/github-actions/subject/repo:${REPO}:environment:development$`,
        ),
      );
      const preview = named(p, type, "eventstack-bootstrap-preview-wif");
      assert.match(
        str(preview.inputs.member),
        /^principalSet:\/\/iam\.googleapis\.com\/.+\/attribute\.event_name\/pull_request$/,
      );
    });

    it("grants the preview account only read roles and the deploy account the roles of every planned type", async () => {
      const p = await planBootstrap("gcp");
      const grants = (prefix: string) =>
        ofType(p, "gcp:projects/iAMMember:IAMMember")
          .filter((r) => r.name.startsWith(prefix))
          .map((r) => str(r.inputs.role))
          .sort();
      assert.deepEqual(grants("eventstack-bootstrap-preview-"), rolesOf("preview"));
      assert.deepEqual(grants("eventstack-bootstrap-deploy-dev-"), rolesOf("deploy"));
      for (const role of rolesOf("preview")) {
        assert.match(role, /\.(viewer|reader|\w*Viewer|securityReviewer)$/, role);
      }
      assert.ok(!rolesOf("deploy").includes(ACT_AS_ROLE), "actAs is never a project-level grant");
    });

    for (const [stack, overrides] of [
      ["dev", {}],
      ["prod", { "eventstack:cloud": "gcp", "eventstack:privateNetworking": "true" }],
    ] as const) {
      it(`covers every resource type the main program plans (${stack} on gcp)`, async () => {
        const p = await planMain(stack, { ...overrides });
        // Types whose provider calls a cloud API; components and local providers (e.g. a
        // time:Sleep, which only waits) need no role.
        const types = new Set(
          p.resources.map((r) => r.type).filter((t) => /^(gcp|docker-build):/.test(t)),
        );
        assert.deepEqual(
          [...types].filter((t) => !(t in GCP_ROLES_BY_TYPE)),
          [],
        );
      });
    }
  });

  describe("aws", () => {
    it("trusts GitHub's issuer for STS, the preview role pull requests only, the deploy role one environment only", async () => {
      const p = await planBootstrap("aws");
      const provider = ofType(p, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")[0];
      assert.equal(provider?.inputs.url, "https://token.actions.githubusercontent.com");
      assert.deepEqual(provider?.inputs.clientIdLists, ["sts.amazonaws.com"]);
      const condition = (name: string) => {
        const doc = JSON.parse(
          str(named(p, "aws:iam/role:Role", name).inputs.assumeRolePolicy),
        ) as {
          Statement: { Action: string; Condition: unknown }[];
        };
        assert.equal(doc.Statement.length, 1);
        assert.equal(doc.Statement[0]?.Action, "sts:AssumeRoleWithWebIdentity");
        return doc.Statement[0]?.Condition;
      };
      assert.deepEqual(condition("eventstack-bootstrap-preview"), {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": `repo:${REPO}:pull_request`,
        },
      });
      assert.deepEqual(condition("eventstack-bootstrap-deploy-prod"), {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": `repo:${REPO}:environment:production`,
        },
      });
      const attachment = ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")[0];
      assert.equal(
        attachment?.inputs.policyArn,
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
      );
    });

    it("scopes the deploy policy to the stack's names, and every physical name the prod plan gives falls inside it", async () => {
      const doc = deployPolicy({
        partition: "aws",
        region: "eu-west-1",
        account: "123456789012",
        prefix: "eventstack-prod",
      });
      for (const s of doc.Statement) {
        for (const a of s.Action) assert.ok(!a.endsWith(":*") && a !== "*", a);
        const resources = [s.Resource].flat();
        if (resources.includes("*")) continue;
        for (const r of resources)
          assert.match(r, /eventstack-prod|:key\/\*$|:ec2:eu-west-1:123456789012:\*$/, r);
      }
      const p = await planMain("prod");
      const names = p.resources
        .filter((r) => r.type.startsWith("aws:") && typeof r.inputs.name === "string")
        .map((r) => `${r.type} ${str(r.inputs.name)}`);
      assert.ok(names.length > 5, names.join(", "));
      assert.deepEqual(
        names.filter((n) => !/ (\/aws\/lambda\/|\/eventstack\/|alias\/)?eventstack-prod/.test(n)),
        [],
      );
    });
  });

  describe("config", () => {
    const ok = {
      cloud: "aws",
      repository: REPO,
      deployments: '[{"environment":"production","stack":"prod"}]',
    };
    for (const [what, raw, message] of [
      [
        "Noncompliance 1: an unknown cloud",
        { ...ok, cloud: "azure" },
        'eventstack-bootstrap:cloud must be "gcp" or "aws", got "azure"',
      ],
      [
        "Noncompliance 2: a repository without its owner",
        { ...ok, repository: "eventstack" },
        'eventstack-bootstrap:repository must be "OWNER/REPO" (e.g. "acme/eventstack"), got "eventstack"',
      ],
      [
        "Noncompliance 3: no deployment",
        { ...ok, deployments: "[]" },
        "eventstack-bootstrap:deployments must be a list of 1–10",
      ],
      [
        "Noncompliance 4: one environment twice",
        { ...ok, deployments: '[{"environment":"p","stack":"a"},{"environment":"p","stack":"b"}]' },
        'one entry per environment ("p" twice)',
      ],
      [
        "Noncompliance 5: a stack name too long for the deploy account id",
        { ...ok, deployments: '[{"environment":"p","stack":"abcdefghijklm"}]' },
        "up to 12 lowercase letters",
      ],
    ] as const) {
      it(`${what} is refused naming the key and the value`, () => {
        assert.throws(
          () => parseBootstrapConfig(raw),
          (err: Error) => err.message.includes(message),
        );
      });
    }
    it("Compliance 1: the shipped example parses", () => {
      assert.deepEqual(parseBootstrapConfig(ok).deployments, [
        { environment: "production", stack: "prod" },
      ]);
    });
  });
});
