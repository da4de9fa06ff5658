/**
 * Test helpers for stack-export fixtures: load one, change it, write it where the CLI can read it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../../support/plan";

export const EXPORTS_DIR = join(PROJECT_DIR, "test/fixtures/stack-exports");

/** A resource of an export document, loosely typed for editing. */
export type ExportResource = Record<string, unknown> & { urn: string; type: string };

/** An export document, loosely typed for editing. */
export interface ExportDoc {
  version: unknown;
  deployment: {
    resources: ExportResource[];
    pending_operations?: unknown[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A fresh copy of a fixture export (`aws-prod`, `gcp-dev`, …). */
export function loadExport(name: string): ExportDoc {
  return JSON.parse(readFileSync(join(EXPORTS_DIR, `${name}.json`), "utf8")) as ExportDoc;
}

/** The one resource of `type` whose URN ends with `::name`; throws otherwise. */
export function resourceOf(doc: ExportDoc, type: string, name: string): ExportResource {
  const found = doc.deployment.resources.filter(
    (r) => r.type === type && r.urn.endsWith(`::${name}`),
  );
  if (found.length !== 1)
    throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0] as ExportResource;
}

/** Removes every dependency edge, so relationships can only be found by value. */
export function withoutDependencyEdges(doc: ExportDoc): ExportDoc {
  for (const r of doc.deployment.resources) {
    delete r.dependencies;
    delete r.propertyDependencies;
  }
  return doc;
}

/** Writes a document (or raw text) to a fresh temporary file and returns its path. */
export function writeTemp(content: ExportDoc | string, name = "stack.json"): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-state-"));
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}
