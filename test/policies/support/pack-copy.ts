/**
 * A copy of the policy pack's folder in a temporary directory (its real path, so stack frames name
 * it as given), without the bundle of earlier starts (dist/), resolving packages from the
 * repository's node_modules as the workspace does.
 */
import { cpSync, mkdtempSync, realpathSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { PROJECT_DIR } from "../../support/plan";

/** The pack's folder in the repository. */
export const PACK_DIR = join(PROJECT_DIR, "policies");

/** Copies the pack to a new temporary folder and returns that folder; the caller removes it. */
export function copyPack(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const bundles = join(PACK_DIR, "dist");
  cpSync(PACK_DIR, dir, {
    recursive: true,
    filter: (src) => src !== bundles && !src.startsWith(`${bundles}${sep}`),
  });
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"));
  return dir;
}
