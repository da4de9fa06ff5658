/**
 * The same grant, written in every form the APIs accept, gets the same verdict: AWS documents as
 * JSON text or objects, `Statement`/`Action`/`Resource` as a string or a list, action names and
 * condition keys in any case (IAM matches both case-insensitively), `"*"` principals as `"*"`,
 * `{ AWS: "*" }` or `{ AWS: ["*"] }`, on every resource type that holds such a document; GCP grants
 * as `*IamMember`, `*IamBinding` or `*IamPolicy` (bindings split or merged) at each level.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { POLICIES } from "../../policies/pack";
import {
  IDENTITY_POLICY_PROPERTIES,
  RESOURCE_POLICY_PROPERTIES,
} from "../../policies/lib/aws/policy-documents";
import { runPolicies } from "../../policies/offline/evaluate";
import type { RecordedResource } from "../../policies/offline/mock-types";
import { res, STACK, PROJECT } from "./support/policy-test";

const RUNS = 60;

async function verdicts(
  resources: readonly RecordedResource[],
  names: readonly string[],
): Promise<string[]> {
  const policies = POLICIES.filter((p) => names.includes(p.meta.name));
  const found = await runPolicies(policies, resources, { stack: STACK, project: PROJECT });
  // "can't run during preview" advisories say nothing about the grant.
  const judged = found.filter((v) => !v.message.startsWith("can't run"));
  return [...new Set(judged.map((v) => v.policy))].sort();
}

/** A grant's meaning: what it allows or denies, on what, for whom, under which condition. */
interface Grant {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly principal: "any" | "service" | "role";
  readonly condition: "none" | "sourceArn" | "orgGlob" | "sourceArnGlob";
}

const grant: fc.Arbitrary<Grant> = fc.record({
  effect: fc.constantFrom("Allow" as const, "Deny" as const),
  actions: fc.uniqueArray(
    fc.constantFrom(
      "sqs:SendMessage",
      "sqs:*",
      "*",
      "xray:PutTraceSegments",
      "sqs:*Message*",
      "s3:GetObject",
      "iam:PassRole",
      "ec2:Describe*",
      "sts:GetCallerIdentity",
    ),
    { minLength: 1, maxLength: 3 },
  ),
  notAction: fc.boolean(),
  resources: fc.uniqueArray(
    fc.constantFrom(
      "*",
      "arn:aws:sqs:eu-west-1:123456789012:orders",
      "arn:aws:sqs:*:*:*",
      "arn:aws:s3:::uploads/*",
    ),
    { minLength: 1, maxLength: 2 },
  ),
  principal: fc.constantFrom("any" as const, "service" as const, "role" as const),
  condition: fc.constantFrom(
    "none" as const,
    "sourceArn" as const,
    "orgGlob" as const,
    "sourceArnGlob" as const,
  ),
});

/** How to write it: each choice is one of the equivalent spellings. */
interface Form {
  readonly upperCaseActions: readonly boolean[];
  readonly listForSingle: boolean;
  readonly statementList: boolean;
  readonly asObject: boolean;
  readonly indent: number;
  readonly principalForm: 0 | 1 | 2;
  readonly keyCase: boolean;
  readonly conditionList: boolean;
}

const form: fc.Arbitrary<Form> = fc.record({
  upperCaseActions: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  listForSingle: fc.boolean(),
  statementList: fc.boolean(),
  asObject: fc.boolean(),
  indent: fc.constantFrom(0, 2, 4),
  principalForm: fc.constantFrom(0 as const, 1 as const, 2 as const),
  keyCase: fc.boolean(),
  conditionList: fc.boolean(),
});

const CANONICAL: Form = {
  upperCaseActions: [false, false, false],
  listForSingle: false,
  statementList: true,
  asObject: false,
  indent: 0,
  principalForm: 0,
  keyCase: false,
  conditionList: false,
};

function spell(list: readonly string[], asList: boolean): string | string[] {
  return list.length === 1 && !asList ? (list[0] ?? "") : [...list];
}

function recase(action: string, upper: boolean): string {
  return upper ? action.toUpperCase() : action;
}

function documentOf(g: Grant, f: Form, withPrincipal: boolean): unknown {
  const actions = g.actions.map((a, i) => recase(a, f.upperCaseActions[i] ?? false));
  const key = (k: string) => (f.keyCase ? k.toUpperCase() : k);
  const value = (v: string) => (f.conditionList ? [v] : v);
  const condition =
    g.condition === "sourceArn"
      ? {
          ArnEquals: {
            [key("aws:SourceArn")]: value("arn:aws:events:eu-west-1:123456789012:rule/orders"),
          },
        }
      : g.condition === "sourceArnGlob"
        ? { ArnLike: { [key("aws:SourceArn")]: value("arn:aws:events:*:*:rule/*") } }
        : g.condition === "orgGlob"
          ? { StringLike: { [key("aws:PrincipalOrgID")]: value("o-*") } }
          : undefined;
  const principal =
    g.principal === "service"
      ? { Service: "events.amazonaws.com" }
      : g.principal === "role"
        ? { AWS: "arn:aws:iam::123456789012:role/publisher" }
        : [`*`, { AWS: "*" }, { AWS: ["*"] }][f.principalForm];
  const statement = {
    Effect: g.effect,
    ...(withPrincipal ? { Principal: principal } : {}),
    [g.notAction ? "NotAction" : "Action"]: spell(actions, f.listForSingle),
    Resource: spell(g.resources, f.listForSingle),
    ...(condition ? { Condition: condition } : {}),
  };
  const doc = { Version: "2012-10-17", Statement: f.statementList ? [statement] : statement };
  return f.asObject ? doc : JSON.stringify(doc, null, f.indent);
}

const LAMBDA_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

function identityHolder(type: string, doc: unknown): RecordedResource {
  if (type === "aws:iam/role:Role") {
    return res(type, "holder", {
      assumeRolePolicy: LAMBDA_TRUST,
      inlinePolicies: [{ name: "inline", policy: doc }],
    });
  }
  const property = IDENTITY_POLICY_PROPERTIES[type] ?? "policy";
  return res(type, "holder", { [property]: doc });
}

const IDENTITY_RULES = [
  "aws-iam-policydocument-disallow-wildcard-actions",
  "aws-iam-policydocument-disallow-wildcard-resources",
  "aws-iam-policydocument-disallow-notaction-allow",
];
const RESOURCE_RULES = [
  "aws-iam-policydocument-disallow-wildcard-actions",
  "aws-iam-policydocument-disallow-notaction-allow",
  "aws-iam-resourcepolicy-missing-scoping-condition",
];
const IDENTITY_TYPES = [...Object.keys(IDENTITY_POLICY_PROPERTIES), "aws:iam/role:Role"];
// KMS key policies are left out: their `kms:*` for the account root is allowed on purpose.
const RESOURCE_TYPES = Object.keys(RESOURCE_POLICY_PROPERTIES).filter(
  (t) => !t.startsWith("aws:kms/"),
);

describe("equivalent forms of one grant get one verdict", function () {
  this.timeout(300_000);

  it("AWS identity policies: every spelling, every holder type", async () => {
    await fc.assert(
      fc.asyncProperty(grant, form, fc.constantFrom(...IDENTITY_TYPES), async (g, f, type) => {
        const expected = await verdicts(
          [identityHolder("aws:iam/rolePolicy:RolePolicy", documentOf(g, CANONICAL, false))],
          IDENTITY_RULES,
        );
        const actual = await verdicts(
          [identityHolder(type, documentOf(g, f, false))],
          IDENTITY_RULES,
        );
        assert.deepEqual(actual, expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("AWS resource policies: every spelling, every resource-policy type", async () => {
    await fc.assert(
      fc.asyncProperty(grant, form, fc.constantFrom(...RESOURCE_TYPES), async (g, f, type) => {
        const canonical = res("aws:sqs/queuePolicy:QueuePolicy", "holder", {
          queueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders",
          policy: documentOf(g, CANONICAL, true),
        });
        const property = RESOURCE_POLICY_PROPERTIES[type] ?? "policy";
        const variant = res(type, "holder", { [property]: documentOf(g, f, true) });
        assert.deepEqual(
          await verdicts([variant], RESOURCE_RULES),
          await verdicts([canonical], RESOURCE_RULES),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("AWS: a grant the rules must flag is flagged in every form (the suite can fail)", async () => {
    const wild: Grant = {
      effect: "Allow",
      actions: ["sqs:*Message*"],
      notAction: false,
      resources: ["arn:aws:sqs:*:*:*"],
      principal: "any",
      condition: "orgGlob",
    };
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom(...IDENTITY_TYPES), async (f, type) => {
        assert.deepEqual(
          await verdicts([identityHolder(type, documentOf(wild, f, false))], IDENTITY_RULES),
          ["aws-iam-policydocument-disallow-wildcard-resources"],
        );
      }),
      { numRuns: 20 },
    );
  });

  const ROLES = [
    "roles/owner",
    "roles/run.invoker",
    "roles/secretmanager.secretAccessor",
    "roles/iam.serviceAccountUser",
    "roles/pubsub.subscriber",
  ];
  const MEMBERS = [
    "allUsers",
    "allAuthenticatedUsers",
    "serviceAccount:orders@shop-prod.iam.gserviceaccount.com",
    "user:dev@example.com",
  ];
  const GCP_RULES = [
    "gcp-iam-binding-disallow-basic-roles",
    "gcp-iam-member-disallow-public-access",
    "gcp-iam-project-disallow-impersonation-roles",
    "gcp-iam-project-disallow-broad-data-access",
  ];
  /** Type prefixes per level: `<prefix>IAMMember`/`Binding`/`Policy` (the SDK's casing). */
  const LEVELS: Record<
    string,
    { member: string; binding: string; policy: string; target: Record<string, string> }
  > = {
    project: {
      member: "gcp:projects/iAMMember:IAMMember",
      binding: "gcp:projects/iAMBinding:IAMBinding",
      policy: "gcp:projects/iAMPolicy:IAMPolicy",
      target: { project: "shop-prod" },
    },
    folder: {
      member: "gcp:folder/iAMMember:IAMMember",
      binding: "gcp:folder/iAMBinding:IAMBinding",
      policy: "gcp:folder/iAMPolicy:IAMPolicy",
      target: { folder: "folders/123" },
    },
    organization: {
      member: "gcp:organizations/iAMMember:IAMMember",
      binding: "gcp:organizations/iAMBinding:IAMBinding",
      policy: "gcp:organizations/iAMPolicy:IAMPolicy",
      target: { orgId: "456" },
    },
    topic: {
      member: "gcp:pubsub/topicIAMMember:TopicIAMMember",
      binding: "gcp:pubsub/topicIAMBinding:TopicIAMBinding",
      policy: "gcp:pubsub/topicIAMPolicy:TopicIAMPolicy",
      target: { topic: "projects/shop-prod/topics/orders" },
    },
    service: {
      member: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
      binding: "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
      policy: "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
      target: { name: "orders", location: "europe-west1" },
    },
  };

  it("GCP grants: member, binding or policy (bindings split or merged) at each level", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROLES),
        fc.uniqueArray(fc.constantFrom(...MEMBERS), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...Object.keys(LEVELS)),
        fc.constantFrom("binding" as const, "policy" as const, "policy-split" as const),
        async (role, members, levelName, shape) => {
          const level = LEVELS[levelName];
          assert.ok(level);
          const asMembers = members.map((m, i) =>
            res(level.member, `m${i}`, { ...level.target, role, member: m }),
          );
          const variant =
            shape === "binding"
              ? [res(level.binding, "b", { ...level.target, role, members })]
              : [
                  res(level.policy, "p", {
                    ...level.target,
                    policyData: JSON.stringify({
                      bindings:
                        shape === "policy"
                          ? [{ role, members }]
                          : members.map((m) => ({ role, members: [m] })),
                    }),
                  }),
                ];
          assert.deepEqual(
            await verdicts(variant, GCP_RULES),
            await verdicts(asMembers, GCP_RULES),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
