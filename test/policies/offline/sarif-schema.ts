/**
 * Validates SARIF logs against the SARIF 2.1.0 JSON schema (vendored in test/fixtures/sarif).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { PROJECT_DIR } from "../../support/plan";

const SCHEMA_FILE = join(PROJECT_DIR, "test/fixtures/sarif/sarif-2.1.0-rtm.5.json");

// The schema's `language` pattern is not a valid Unicode regular expression; compile non-Unicode.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as object);

/** The schema violations of a SARIF log, one line each; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"} ${JSON.stringify(e.params)}`,
  );
}
