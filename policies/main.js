// The pack's entry for `pulumi-analyzer-policy` (`"main"` in package.json): it bundles index.ts and
// the policy modules with esbuild and runs the bundle, which constructs the pack.
//
// Why not index.ts itself: Pulumi's policy-pack runner registers ts-node with `typeCheck: true`
// for every pack, hard-coded (@pulumi/pulumi cmd/run-policy-pack/index.js passes `typeScript:
// !process.versions.bun`, and run.js then calls `tsn.register({ typeCheck: true, … })`), so a
// TypeScript entry is type-checked on every `pulumi preview` and `pulumi up` the pack enforces:
// about 4–5 CPU-seconds before the pack answers, against under one with this entry (`npm run bench
// -- pack-start`). ts-node only compiles the `.ts` files a program requires, and this entry
// requires none: the runner still registers it, and it stays idle (test/policies/pack-entry.test.ts
// starts a pack with a type error). A tsconfig.json here with `allowJs` would hand main.js and the
// bundle to ts-node's compiler, so the pack has none. Type-checking is `tsc --noEmit`'s job, in
// `npm run verify` on every change and before every publish.
//
// The bundle: esbuild with tsconfig.json's emit-relevant settings (strict mode, ES2023 class
// fields), as the project's loader (policies/offline/ts-loader.js) transpiles the same files,
// except that bundling joins the modules into one scope (which the policies, free of import cycles,
// `__dirname` and `import()`, cannot tell apart). Packages stay external: they load from the pack's
// node_modules (the published pack's own, or the repository's when `--policy-pack policies` runs
// the workspace), so the pack's @pulumi/pulumi is the runner's own instance.
//
// It is written to dist/pack.js and loaded from there, so the source-map support ts-node installs
// when the runner registers it (@cspotcode/source-map-support) maps stack traces through its inline
// source map to the `.ts` lines; it is built on every start (about 50 ms), so it never runs stale
// sources.
"use strict";

const { randomUUID } = require("node:crypto");
const {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} = require("node:fs");
const { join, resolve } = require("node:path");

// esbuild's synchronous API otherwise runs through a worker thread that keeps an `esbuild
// --service` process alive for the life of the analyzer; with "0" each build is one short child
// process (esbuild lib/main.js reads ESBUILD_WORKER_THREADS once, when it loads). Set whatever
// the environment says: this process is the pack's own.
process.env.ESBUILD_WORKER_THREADS = "0";
const { buildSync } = require("esbuild");

const ENTRY = join(__dirname, "index.ts");
const OUT_DIR = join(__dirname, "dist");
const OUT_FILE = join(OUT_DIR, "pack.js");
/**
 * The runner's exit status for "the problem was already reported" (@pulumi/pulumi
 * cmd/run-policy-pack/run.js, `nodeJSProcessExitedAfterLoggingUserActionableMessage`).
 */
const EXIT_REPORTED = 32;

/** An esbuild message as `<absolute file>:<line>:<column>: <text>`. */
function describe(message) {
  const at = message.location;
  const where = at ? `${resolve(__dirname, at.file)}:${at.line}:${at.column + 1}: ` : "";
  return `${where}${message.text}`;
}

/** The pack's sources as one CommonJS module with an inline source map; exits on a build error. */
function bundle() {
  let result;
  try {
    result = buildSync({
      entryPoints: [ENTRY],
      absWorkingDir: __dirname,
      // Not written by esbuild; named so the source map's paths are relative to the bundle's folder.
      outfile: OUT_FILE,
      bundle: true,
      packages: "external",
      platform: "node",
      format: "cjs",
      target: "es2023",
      tsconfigRaw: { compilerOptions: { strict: true, target: "ES2023" } },
      sourcemap: "inline",
      sourcesContent: false,
      write: false,
      logLevel: "silent",
    });
  } catch (err) {
    const errors = err && Array.isArray(err.errors) ? err.errors : undefined;
    if (errors === undefined) throw err;
    // Synchronous: a write to a pipe is asynchronous in Node and could be cut off by the exit.
    writeSync(
      2,
      `eventstack policy pack: cannot bundle ${ENTRY}:\n${errors.map((e) => `  ${describe(e)}\n`).join("")}`,
    );
    process.exit(EXIT_REPORTED);
  }
  for (const warning of result.warnings) {
    writeSync(2, `eventstack policy pack: warning: ${describe(warning)}\n`);
  }
  return result.outputFiles[0].text;
}

/** The file's text, or undefined when it cannot be read. */
function readIfPresent(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes `code` to OUT_FILE, unless it holds it already. */
function writeBundle(code) {
  if (readIfPresent(OUT_FILE) === code) return;
  // Written aside and renamed, so a pack starting at the same time never reads half a file.
  const temp = `${OUT_FILE}.${randomUUID()}.tmp`;
  try {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(temp, code);
    renameSync(temp, OUT_FILE);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder itself is what failed.
    }
    // Another start may have written the same bundle in the meantime.
    if (readIfPresent(OUT_FILE) === code) return;
    throw new Error(
      `eventstack policy pack: cannot write its bundle to ${OUT_FILE}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

writeBundle(bundle());
require(OUT_FILE);
