/**
 * docs/configuration.md: generated from the config model and Pulumi.yaml by `npm run docs`; it
 * must not drift, must list every key and consumer field once, and its defaults must be the
 * model's own.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  ALERT_DEFAULTS,
  CONFIG_KEYS,
  configSchema,
  DEFAULTS,
  GCP_DEFAULTS,
  LOG_RETENTION_DAYS,
} from "../../components/config";
import {
  CONFIGURATION_DOC,
  configurationRows,
  projectDescriptions,
  schemaFieldDocs,
} from "../../docs/configuration-doc";
import { formattedConfigurationDoc } from "../../docs/reference";

describe("docs/configuration.md", () => {
  const rows = configurationRows();
  const row = (key: string) => {
    const found = rows.find((r) => r.key === key);
    assert.ok(found, key);
    return found;
  };

  it("is what `npm run docs` renders from the config model and Pulumi.yaml (no drift)", async () => {
    assert.equal(readFileSync(CONFIGURATION_DOC, "utf8"), await formattedConfigurationDoc());
  });

  it("lists every key and every consumer field exactly once, each with a description", () => {
    const consumerFields = Object.keys(configSchema.shape.consumers.element.shape);
    assert.deepEqual(
      rows.map((r) => r.key),
      [...CONFIG_KEYS, ...consumerFields.map((f) => `consumers[].${f}`)],
    );
    for (const r of rows) assert.ok(r.description.length > 10, r.key);
  });

  it("shows the model's defaults per environment, and required keys as required", () => {
    for (const env of ["dev", "prod"] as const) {
      assert.equal(
        row("customerManagedKeys").defaults[env],
        `\`${DEFAULTS[env].customerManagedKeys}\``,
      );
      assert.equal(
        row("eventRetentionDays").defaults[env],
        `\`${DEFAULTS[env].eventRetentionDays}\``,
      );
      assert.equal(row("consumers[].memoryMb").defaults[env], `\`${DEFAULTS[env].memoryMb}\``);
      assert.equal(
        row("consumers[].maxDeliveryAttempts").defaults[env],
        `\`${DEFAULTS[env].maxDeliveryAttempts}\``,
      );
      assert.equal(
        row("alertErrorRatePercent").defaults[env],
        `\`${ALERT_DEFAULTS.errorRatePercent}\``,
      );
      assert.equal(row("vpcEgressRange").defaults[env], `\`${GCP_DEFAULTS.vpcEgressRange}\``);
      for (const key of ["cloud", "environment", "consumers", "alertEmail", "consumers[].name"]) {
        assert.equal(row(key).defaults[env], "required", key);
      }
      assert.equal(row("consumers[].reservedConcurrency").defaults[env], "unset");
    }
  });

  it("shows the allowed values the model enforces", () => {
    assert.equal(row("cloud").allowed, "`gcp`, `aws`");
    assert.equal(row("consumers[].maxDeliveryAttempts").allowed, "5–100");
    assert.equal(row("consumers").allowed, "1–25 entries");
    assert.equal(row("logRetentionDays").allowed, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    assert.match(row("consumers[].name").allowed, /^1-20 characters: lowercase letters/);
  });

  describe("descriptions", () => {
    const yaml = [
      "name: p",
      "config:",
      "  cloud:",
      "    type: string",
      "    description: Which cloud. Required.",
      "  # Undeclared:",
      "  #   customerManagedKeys: boolean. Encrypt with",
      "  #                        customer-managed keys.",
      "  #   authMode:            string (gcp). Who verifies tokens.",
      "  # Not a key: the rest of the block",
      "",
    ].join("\n");

    it("Compliance 1: reads declared descriptions and the comment block's entries, continued lines joined", () => {
      assert.deepEqual(Object.fromEntries(projectDescriptions(yaml)), {
        cloud: "Which cloud.",
        customerManagedKeys: "Encrypt with customer-managed keys.",
        authMode: "(gcp) Who verifies tokens.",
      });
    });

    it("Noncompliance 1: a comment line naming no key of the model is not a description", () => {
      assert.equal(projectDescriptions(yaml).has("Not"), false);
    });

    it("Compliance 2: reads the JSDoc of each field of a schema literal", () => {
      const source = [
        "const consumerSchema = z.strictObject({",
        "  /** Consumer name; used in",
        "   * every child name. */",
        "  name: z.string(),",
        "  undocumented: z.string(),",
        "});",
      ].join("\n");
      assert.deepEqual(Object.fromEntries(schemaFieldDocs(source, "consumerSchema")), {
        name: "Consumer name; used in every child name.",
      });
    });
  });
});
