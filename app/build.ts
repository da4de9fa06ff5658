/**
 * `npm run build`: bundles the two runtimes of each consumer in the repository with esbuild:
 * the sample into `dist/lambda/index.mjs` and `dist/consumer/index.mjs`, the audit-log consumer
 * (app/audit/) into `dist/audit-lambda/` and `dist/audit-consumer/` (ESM, Node 24, minified, with
 * source maps). Dependencies, the AWS
 * SDK included, are bundled and tree-shaken, so neither artifact needs a node_modules folder.
 * The Lambda's lazily imported Secrets Manager client lands in `dist/lambda/chunks/`, loaded only
 * by invocations that need the secret; deploy the whole `dist/lambda` folder.
 */
import { build as esbuild, type BuildOptions } from "esbuild";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { errorMessage } from "./core/errors";

/** Repository root (this file lives in `app/`). */
export const REPO_ROOT = resolve(__dirname, "..");

/** The bundles: entry source and output folder under `dist/`. */
export const TARGETS = {
  lambda: { entry: "app/lambda/index.ts", dir: "lambda", splitting: true },
  consumer: { entry: "app/consumer/main.ts", dir: "consumer", splitting: false },
  "audit-lambda": { entry: "app/audit/lambda.ts", dir: "audit-lambda", splitting: true },
  "audit-consumer": { entry: "app/audit/container.ts", dir: "audit-consumer", splitting: false },
} as const;

export type Target = keyof typeof TARGETS;

/** One built artifact: its entry file, the entry's size and the size of all its JS files. */
export interface Artifact {
  readonly file: string;
  readonly bytes: number;
  readonly totalBytes: number;
}

export type BuildReport = Record<Target, Artifact>;

// CommonJS dependencies bundled into ESM still call require() for Node built-ins, and some read
// __dirname / __filename, which ES modules do not define
// (https://nodejs.org/api/esm.html#no-__filename-or-__dirname): google-gax computes its proto
// folder from __dirname when its module loads (googleapis/google-cloud-node,
// core/packages/gax/src/grpc.ts), so the container's Firestore client failed to start without
// them. Nothing is read from that folder: it serves only loadProto() of .proto files, while the
// Firestore client loads its protos with loadProtoJSON() from JSON that esbuild bundles
// (packages/google-cloud-firestore-api/src/v1/firestore_client.ts), and so do gax's own
// status/operations protos (static require of .json). The bundle therefore ships no proto files;
// the container tests run it from a folder with no node_modules beside it.
const CJS_SHIM = [
  'import { createRequire as __eventstackCreateRequire } from "node:module";',
  'import { dirname as __eventstackDirname } from "node:path";',
  'import { fileURLToPath as __eventstackFileURLToPath } from "node:url";',
  "const require = __eventstackCreateRequire(import.meta.url);",
  "const __filename = __eventstackFileURLToPath(import.meta.url);",
  "const __dirname = __eventstackDirname(__filename);",
].join(" ");

/** esbuild options for one target. */
export function buildOptions(target: Target, outRoot: string): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: { index: TARGETS[target].entry },
    outdir: join(outRoot, TARGETS[target].dir),
    outExtension: { ".js": ".mjs" },
    splitting: TARGETS[target].splitting,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    // Prefer ES module builds (the AWS SDK ships them) so unused code can be dropped.
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: "linked",
    // Mappings only, not a copy of every source's text. The runtimes run with
    // `--enable-source-maps`, under which Node reads and parses a bundle's whole map when the
    // bundle loads ("Only source maps in JavaScript files that are loaded after source maps has
    // been enabled will be parsed and loaded": https://nodejs.org/api/process.html
    // #processsetsourcemapsenabledval); stack traces need only the mappings. With the sources'
    // text the container's map was 14 MB and its resident memory at start 157 MiB instead of
    // 121 MiB (test/bench/consumer.bench.ts reports it; test/app/build.test.ts holds the maps to
    // this).
    sourcesContent: false,
    legalComments: "none",
    banner: { js: CJS_SHIM },
    logLevel: "warning",
  };
}

/** Builds both bundles under `outRoot` (default `<repo>/dist`), replacing earlier output. */
export async function build(outRoot: string = join(REPO_ROOT, "dist")): Promise<BuildReport> {
  const report: Partial<Record<Target, Artifact>> = {};
  for (const target of Object.keys(TARGETS) as Target[]) {
    const dir = join(outRoot, TARGETS[target].dir);
    // Chunk names carry content hashes: stale chunks from an earlier build must not be deployed.
    rmSync(dir, { recursive: true, force: true });
    await esbuild(buildOptions(target, outRoot));
    const file = join(dir, "index.mjs");
    report[target] = { file, bytes: statSync(file).size, totalBytes: jsBytes(dir) };
  }
  return report as BuildReport;
}

function jsBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".mjs"))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

if (require.main === module) {
  build().then(
    (report) => {
      for (const [target, a] of Object.entries(report)) {
        const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
        process.stdout.write(
          `${target.padEnd(14)} ${relative(REPO_ROOT, a.file)}  ${kib(a.bytes)} (all JS: ${kib(a.totalBytes)})\n`,
        );
      }
    },
    (err: unknown) => {
      process.stderr.write(`build failed: ${errorMessage(err)}\n`);
      process.exitCode = 1;
    },
  );
}
