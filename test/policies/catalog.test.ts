/**
 * The pack's catalog: naming, metadata, default levels, the resource types it names (which must
 * exist in the installed providers), and the per-environment config files.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CMK_TAGS } from "../../policies/lib/encryption";
import { policyCatalog } from "../../policies/offline/evaluate";
import { loadPolicyConfig, policyConfigForStack } from "../../policies/offline/policy-config";
import { POLICIES } from "../../policies/pack";
import { PROJECT_DIR } from "../support/plan";

/** Every resource type token the installed AWS and GCP providers define. */
function providerTypeTokens(): Set<string> {
  const tokens = new Set<string>();
  for (const pkg of ["aws", "gcp"]) {
    const root = join(PROJECT_DIR, "node_modules/@pulumi", pkg);
    for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".js") || file.includes("node_modules")) continue;
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/__pulumiType = '((?:aws|gcp):[^']+)'/g))
        tokens.add(m[1] ?? "");
    }
  }
  return tokens;
}

const NAME =
  /^(aws|gcp)-[a-z0-9]+-[a-z0-9]+-(missing|disallow|enable|disable|configure|enforce)-[a-z0-9-]+[a-z0-9]$/;

describe("policy catalog", () => {
  it("names every policy <cloud>-<service>-<resource>-<verb>-<thing>, uniquely", () => {
    const names = POLICIES.map((p) => p.meta.name);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, NAME);
  });

  it("gives every policy a one-sentence description, severity, tags and remediation steps", () => {
    for (const { meta } of POLICIES) {
      assert.match(meta.description, /^[A-Z].*\.$/, meta.name);
      assert.doesNotMatch(
        meta.description.slice(0, -1),
        /\.\s+[A-Z]/,
        `${meta.name}: one sentence`,
      );
      assert.ok(["critical", "high", "medium", "low"].includes(meta.severity));
      assert.ok(
        meta.tags.includes(meta.name.split("-")[0] ?? ""),
        `${meta.name} tagged with its cloud`,
      );
      assert.ok(meta.remediationSteps.length > 30, meta.name);
      if (meta.checkovId)
        assert.match(meta.checkovId, /^CKV2?_(AWS|GCP)_\d+(, CKV2?_(AWS|GCP)_\d+)*$/);
      if (meta.cdkNagId) assert.match(meta.cdkNagId, /^(AwsSolutions|Serverless)-[A-Za-z0-9]+$/);
    }
  });

  it("defaults security and data-loss rules to mandatory, hygiene to advisory", () => {
    for (const { meta } of POLICIES) {
      const critical = meta.tags.some((t) => ["security", "data-loss", "encryption"].includes(t));
      if (critical) assert.equal(meta.enforcementLevel, "mandatory", meta.name);
      else assert.equal(meta.enforcementLevel, "advisory", meta.name);
    }
  });

  it("covers both clouds in every area", () => {
    for (const cloud of ["aws", "gcp"]) {
      for (const tag of ["least-privilege", "encryption", "dead-letter", "alerting"]) {
        assert.ok(
          POLICIES.some((p) => p.meta.name.startsWith(`${cloud}-`) && p.meta.tags.includes(tag)),
          `${cloud} ${tag}`,
        );
      }
    }
  });

  it("names only resource types the installed providers define", function () {
    this.timeout(60_000);
    const tokens = providerTypeTokens();
    for (const p of POLICIES) {
      if (p.types instanceof RegExp) {
        assert.ok(
          [...tokens].some((t) => (p.types as RegExp).test(t)),
          `${p.meta.name}: ${p.types}`,
        );
      } else {
        for (const t of p.types)
          assert.ok(tokens.has(t), `${p.meta.name}: ${t} is not a provider type`);
      }
    }
  });

  it("reports the effective level of each policy for a config", () => {
    const dev = policyCatalog(loadPolicyConfig(join(PROJECT_DIR, "policies/config/dev.json")));
    const cmk = dev.filter((p) => p.tags.includes(CMK_TAGS[1]));
    assert.ok(cmk.length >= 7);
    for (const p of cmk) assert.equal(p.enforcementLevel, "advisory", p.name);
    const prod = policyCatalog(policyConfigForStack("prod"));
    for (const p of prod)
      assert.equal(
        p.enforcementLevel,
        POLICIES.find((x) => x.meta.name === p.name)?.meta.enforcementLevel,
      );
  });

  it("relaxes exactly the customer-managed-key rules in dev, and keeps them mandatory in prod", () => {
    const cmkNames = POLICIES.filter((p) => p.meta.tags.includes(CMK_TAGS[1]))
      .map((p) => p.meta.name)
      .sort();
    const dev = policyConfigForStack("dev");
    const prod = policyConfigForStack("prod");
    assert.deepEqual([...(dev?.policies.keys() ?? [])].sort(), cmkNames);
    for (const name of cmkNames) {
      assert.equal(dev?.policies.get(name)?.enforcementLevel, "advisory");
      assert.equal(prod?.policies.get(name)?.enforcementLevel, "mandatory");
    }
  });
});
