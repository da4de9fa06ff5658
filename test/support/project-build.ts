/**
 * The project's build, run once per test run: `npm run build` into the repository's `dist/`,
 * which planning the AWS stack needs (the program packages `dist/lambda`; see
 * components/build-artifact.ts). Built beside `dist/` and moved into place, so a process planning
 * at the same time never sees the folders half written or missing.
 *
 * The run's first process builds (mocha's global setup, test/support/root-hooks.ts) and hands the
 * report to the processes it starts — mocha's `--parallel` workers — in {@link BUILD_ENV}, so
 * they share that build instead of each replacing `dist/` under the other's plans.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, REPO_ROOT, TARGETS, type BuildReport, type Target } from "../../app/build";

/** The repository's build output folder. */
export const DIST = join(REPO_ROOT, "dist");

/**
 * The environment variable that carries a finished build's report to the processes the building
 * process starts itself (`{ "pid": <builder>, "report": … }`); a process further down, e.g. a
 * test run started by a test, builds on its own.
 */
export const BUILD_ENV = "EVENTSTACK_TEST_BUILD";

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

const isCount = (n: unknown): n is number =>
  typeof n === "number" && Number.isSafeInteger(n) && n > 0;

/**
 * The report in {@link BUILD_ENV} when this process's parent built it, else undefined: one
 * artifact per target, each an existing file under `dist/` with positive sizes. Throws naming the
 * variable and what is wrong otherwise.
 */
export function parseBuildEnv(
  text: string,
  parent: number = process.ppid,
): BuildReport | undefined {
  const fail = (why: string): never => {
    throw new Error(`${BUILD_ENV} must be the JSON build report of this run: ${why}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail(`not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (typeof doc !== "object" || doc === null || !("pid" in doc) || !("report" in doc))
    return fail(`must be an object with pid and report, got ${JSON.stringify(doc)}`);
  if (!isCount(doc.pid)) return fail(`pid must be a process id, got ${JSON.stringify(doc.pid)}`);
  if (doc.pid !== parent) return undefined;
  const handed = doc.report;
  if (typeof handed !== "object" || handed === null) return fail("report must be an object");
  const report: Partial<BuildReport> = {};
  for (const target of Object.keys(TARGETS) as Target[]) {
    const a: unknown = (handed as Record<string, unknown>)[target];
    if (typeof a !== "object" || a === null) return fail(`target ${target} is missing`);
    const { file, bytes, totalBytes } = a as Record<string, unknown>;
    const expected = join(DIST, TARGETS[target].dir, "index.mjs");
    if (file !== expected) return fail(`${target}.file must be ${expected}, got ${String(file)}`);
    if (!existsSync(expected)) return fail(`${target}.file ${expected} does not exist`);
    if (!isCount(bytes) || !isCount(totalBytes))
      return fail(`${target}.bytes and .totalBytes must be positive integers`);
    report[target] = { file: expected, bytes, totalBytes };
  }
  return report as BuildReport;
}

/**
 * Builds `dist/` once per run: the first call in a process builds (or, in a process started by
 * the run's first one, reads {@link BUILD_ENV}); later calls share that build.
 */
export function projectBuild(): Promise<BuildReport> {
  if (built === undefined) {
    const env = process.env[BUILD_ENV];
    const handed = env === undefined ? undefined : parseBuildEnv(env);
    built = handed !== undefined ? Promise.resolve(handed) : buildIntoDist();
  }
  return built;
}

/** Builds (see {@link projectBuild}) and sets {@link BUILD_ENV} for the processes started later. */
export async function buildForChildren(): Promise<void> {
  const report = await projectBuild();
  process.env[BUILD_ENV] = JSON.stringify({ pid: process.pid, report });
}
