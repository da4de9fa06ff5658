/**
 * The real bundles of this test run (the one build the root hook makes, test/support/
 * project-build.ts), copied to a temporary folder outside the repository, so the tests also prove
 * the bundles run without node_modules (as in the container image).
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { TARGETS, type BuildReport, type Target } from "../../../app/build";
import { DIST, projectBuild } from "../../support/project-build";

let copied: Promise<BuildReport> | undefined;

async function copyOutsideRepo(): Promise<BuildReport> {
  const report = await projectBuild();
  const root = mkdtempSync(join(tmpdir(), "eventstack-bundles-"));
  const out: Partial<BuildReport> = {};
  for (const target of Object.keys(TARGETS) as Target[]) {
    const dir = TARGETS[target].dir;
    cpSync(join(DIST, dir), join(root, dir), { recursive: true });
    out[target] = { ...report[target], file: join(root, relative(DIST, report[target].file)) };
  }
  return out as BuildReport;
}

export function bundles(): Promise<BuildReport> {
  copied ??= copyOutsideRepo();
  return copied;
}

/** The Node 24 binary the project runs on. */
export const NODE = join(__dirname, "..", "..", "..", "node_modules", ".bin", "node");
