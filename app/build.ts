/**
 * `npm run build`: bundles the two runtimes with esbuild into `dist/lambda/index.mjs` and
 * `dist/consumer/index.mjs` (ESM, Node 24, minified, with source maps). Dependencies, the AWS
 * SDK included, are bundled and tree-shaken, so neither artifact needs a node_modules folder.
 */
import { build as esbuild, type BuildOptions } from "esbuild";
import { statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/** Repository root (this file lives in `app/`). */
export const REPO_ROOT = resolve(__dirname, "..");

/** The two bundles: entry source and output folder under `dist/`. */
export const TARGETS = {
  lambda: { entry: "app/lambda/index.ts", dir: "lambda" },
  consumer: { entry: "app/consumer/main.ts", dir: "consumer" },
} as const;

export type Target = keyof typeof TARGETS;

/** Where each bundle was written and how big it is. */
export type BuildReport = Record<Target, { readonly file: string; readonly bytes: number }>;

// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
const REQUIRE_SHIM =
  'import { createRequire as __eventstackCreateRequire } from "node:module"; const require = __eventstackCreateRequire(import.meta.url);';

/** esbuild options for one target; exported so benchmarks build variants the same way. */
export function buildOptions(target: Target, outRoot: string): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: { index: TARGETS[target].entry },
    outdir: join(outRoot, TARGETS[target].dir),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    // Prefer ES module builds (the AWS SDK ships them) so unused code can be dropped.
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: "linked",
    legalComments: "none",
    banner: { js: REQUIRE_SHIM },
    logLevel: "warning",
  };
}

/** Builds both bundles under `outRoot` (default `<repo>/dist`). */
export async function build(outRoot: string = join(REPO_ROOT, "dist")): Promise<BuildReport> {
  const report: Partial<Record<Target, { file: string; bytes: number }>> = {};
  for (const target of Object.keys(TARGETS) as Target[]) {
    await esbuild(buildOptions(target, outRoot));
    const file = join(outRoot, TARGETS[target].dir, "index.mjs");
    report[target] = { file, bytes: statSync(file).size };
  }
  return report as BuildReport;
}

if (require.main === module) {
  build().then(
    (report) => {
      for (const [target, { file, bytes }] of Object.entries(report)) {
        process.stdout.write(
          `${target.padEnd(9)} ${relative(REPO_ROOT, file)}  ${(bytes / 1024).toFixed(1)} KiB\n`,
        );
      }
    },
    (err: unknown) => {
      process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
