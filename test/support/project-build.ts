/**
 * The project's build, run once per test process: `npm run build` into the repository's `dist/`,
 * which planning the AWS stack needs (the program packages `dist/lambda`; see
 * components/build-artifact.ts). Built beside `dist/` and moved into place, so a process planning
 * at the same time never sees the folders half written or missing.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, REPO_ROOT, TARGETS, type BuildReport, type Target } from "../../app/build";

/** The repository's build output folder. */
export const DIST = join(REPO_ROOT, "dist");

let built: Promise<BuildReport> | undefined;

async function buildIntoDist(): Promise<BuildReport> {
  const staging = join(DIST, `.build-${process.pid}`);
  const report = await build(staging);
  mkdirSync(DIST, { recursive: true });
  const moved: Partial<BuildReport> = {};
  for (const target of Object.keys(TARGETS) as Target[]) {
    const dir = TARGETS[target].dir;
    const old = join(DIST, `.old-${process.pid}-${dir}`);
    if (existsSync(join(DIST, dir))) renameSync(join(DIST, dir), old);
    renameSync(join(staging, dir), join(DIST, dir));
    rmSync(old, { recursive: true, force: true });
    const artifact = report[target];
    moved[target] = { ...artifact, file: join(DIST, dir, "index.mjs") };
  }
  rmSync(staging, { recursive: true, force: true });
  return moved as BuildReport;
}

/** Builds `dist/` once per process; later calls share the first build. */
export function projectBuild(): Promise<BuildReport> {
  built ??= buildIntoDist();
  return built;
}
