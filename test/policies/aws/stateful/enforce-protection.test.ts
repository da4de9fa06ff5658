import assert from "node:assert/strict";
import { awsStatefulResourceEnforceProtection as P } from "../../../../policies/aws/stateful/enforce-protection";
import {
  DEFAULT_RESOURCE_OPTIONS,
  type RecordedResource,
} from "../../../../policies/offline/mock-types";
import { findings, open, res, urnOf } from "../../support/policy-test";

const PROVIDER = "pulumi:providers:aws";
const protectedRes = (r: RecordedResource, protect = true): RecordedResource => ({
  ...r,
  options: { ...DEFAULT_RESOURCE_OPTIONS, protect, retainOnDelete: protect },
});

/** The explicit provider as the engine records it: nested inputs as JSON text. */
const provider = (environment: string): RecordedResource =>
  res(PROVIDER, "aws", {
    region: "eu-west-1",
    defaultTags: JSON.stringify({ tags: { environment, stack: environment } }),
  });

/** `r` created through the explicit provider (reference `<urn>::<id>`). */
const through = (r: RecordedResource, p: RecordedResource): RecordedResource => ({
  ...r,
  provider: `${p.urn}::${p.id ?? ""}`,
});

/** A production stack as the AWS platform plans it: tags only on the provider. */
const baseline = (environment = "prod"): RecordedResource[] => {
  const p = provider(environment);
  const tags = { consumer: "orders" };
  return [
    p,
    ...[
      res("aws:cloudwatch/eventBus:EventBus", "bus", { name: "eventstack-prod" }),
      res("aws:cloudwatch/eventArchive:EventArchive", "archive", { retentionDays: 31 }),
      res("aws:sqs/queue:Queue", "dlq", { name: "eventstack-prod-orders-dlq", tags }),
      res("aws:kms/key:Key", "data-key", { enableKeyRotation: true }),
      res("aws:secretsmanager/secret:Secret", "secret", { name: "orders-api-key" }),
      res("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 90, tags }),
      res("aws:sns/topic:Topic", "alerts", { name: "eventstack-prod-alerts" }),
    ].map((r) => through(protectedRes(r), p)),
    through(res("aws:iam/role:Role", "role", { name: "eventstack-prod-orders", tags }), p),
  ];
};

const replace = (all: RecordedResource[], name: string, r: RecordedResource) =>
  all.map((x) => (x.name === name ? r : x));
const byName = (all: RecordedResource[], name: string): RecordedResource => {
  const found = all.find((r) => r.name === name);
  assert.ok(found, name);
  return found;
};
const unprotect = (all: RecordedResource[], name: string) =>
  replace(all, name, protectedRes(byName(all, name), false));
const message = (type: string, name: string) =>
  `${name}: ${type} ${name} holds data in a production stack and must be kept from deletion (protect: true, got protect false).`;

describe("aws-stateful-resource-enforce-protection", () => {
  it("Compliance 1: every stateful resource of a production stack is protected", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Compliance 2: a dev stack (provider default tag environment dev) needs no protection", async () => {
    const dev = baseline("dev").map((r) =>
      r.options ? { ...r, options: DEFAULT_RESOURCE_OPTIONS } : r,
    );
    assert.deepEqual(open(await findings(P, dev)), []);
  });

  it("Compliance 3: stateless types (roles) are out of scope", async () => {
    const all = baseline();
    assert.equal(byName(all, "role").options, undefined);
    assert.deepEqual(open(await findings(P, all)), []);
  });

  it("Compliance 4: an audited export without the provider, whose tagsAll says dev", async () => {
    const dev = [
      res("aws:sqs/queue:Queue", "dlq", { tagsAll: { environment: "dev" } }),
      res("aws:kms/key:Key", "key", { tagsAll: { environment: "dev" } }),
    ];
    assert.deepEqual(open(await findings(P, dev)), []);
  });

  const cases: [string, string][] = [
    ["aws:cloudwatch/eventBus:EventBus", "bus"],
    ["aws:cloudwatch/eventArchive:EventArchive", "archive"],
    ["aws:sqs/queue:Queue", "dlq"],
    ["aws:kms/key:Key", "data-key"],
    ["aws:secretsmanager/secret:Secret", "secret"],
    ["aws:cloudwatch/logGroup:LogGroup", "logs"],
    ["aws:sns/topic:Topic", "alerts"],
  ];
  cases.forEach(([type, name], i) => {
    it(`Noncompliance ${i + 1}: an unprotected ${type.split(":").pop() ?? type} in a production stack`, async () => {
      assert.deepEqual(open(await findings(P, unprotect(baseline(), name))), [message(type, name)]);
    });
  });

  it(`Noncompliance ${cases.length + 1}: production known from a resource's own tags (no provider)`, async () => {
    const all = [
      res("aws:sqs/queue:Queue", "queue", { tags: { environment: "production" } }),
      res("aws:kms/key:Key", "key", {}),
    ];
    assert.deepEqual(open(await findings(P, all)).sort(), [
      message("aws:kms/key:Key", "key"),
      message("aws:sqs/queue:Queue", "queue"),
    ]);
  });

  it(`Noncompliance ${cases.length + 2}: a resource without recorded options at all`, async () => {
    const all = baseline();
    const { options: _drop, ...stripped } = byName(all, "bus");
    const violations = await findings(P, replace(all, "bus", stripped));
    assert.deepEqual(
      violations.map((v) => v.urn),
      [urnOf("aws:cloudwatch/eventBus:EventBus", "bus")],
    );
  });

  it("is mandatory and names the provider default tags it reads in its remediation", () => {
    assert.match(P.meta.remediationSteps, /defaultTags/);
    assert.equal(P.meta.enforcementLevel, "mandatory");
  });
});
