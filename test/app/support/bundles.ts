/**
 * Builds the real bundles once per test run, into a temporary folder outside the repository, so
 * the tests also prove the bundles run without node_modules (as in the container image).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type BuildReport } from "../../../app/build";

let built: Promise<BuildReport> | undefined;

export function bundles(): Promise<BuildReport> {
  built ??= build(mkdtempSync(join(tmpdir(), "eventstack-bundles-")));
  return built;
}

/** The Node 24 binary the project runs on. */
export const NODE = join(__dirname, "..", "..", "..", "node_modules", ".bin", "node");
