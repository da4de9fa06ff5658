// The pack's entry for `pulumi-analyzer-policy` (`"main"` in package.json): it bundles index.ts and
// the policy modules with esbuild and runs the bundle, which constructs the pack.
//
// Why not index.ts itself: Pulumi's policy-pack runner registers ts-node with `typeCheck: true`
// for every pack, hard-coded (@pulumi/pulumi cmd/run-policy-pack/run.js, `tsn.register({
// typeCheck: true, … })`), so a TypeScript entry is type-checked on every `pulumi preview` and
// `pulumi up` the pack enforces: about 5 CPU-seconds before the pack answers, against about one
// with this entry (`npm run bench -- pack-start`). ts-node only compiles the `.ts` files a program
// requires, and this entry requires none: the runner still registers it, and it stays idle
// (test/policies/pack-entry.test.ts starts a pack with a type error). Type-checking is
// `tsc --noEmit`'s job, in `npm run verify` on every change.
//
// What the bundle means is what the project's loader (policies/offline/ts-loader.js) gives the
// same files: esbuild with tsconfig.json's emit-relevant settings (strict mode, ES2023 class
// fields). Packages stay external: they load from the pack's node_modules (the published pack's
// own, or the repository's when `--policy-pack policies` runs the workspace), once, as the runner's
// @pulumi/pulumi and @pulumi/policy must be the same instances the pack uses.
//
// The bundle is written to dist/pack.js and loaded from there, so stack traces go through its
// inline source map to the `.ts` lines; it is built on every start (tens of milliseconds), so it
// never runs stale sources.
"use strict";

const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { buildSync } = require("esbuild");

const OUT_DIR = join(__dirname, "dist");
const OUT_FILE = join(OUT_DIR, "pack.js");

/** The pack's sources as one CommonJS module, with an inline source map. */
function bundle() {
  const result = buildSync({
    entryPoints: [join(__dirname, "index.ts")],
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
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error(`esbuild gave no output for ${__dirname}/index.ts`);
  return out.text;
}

/** Writes `code` to OUT_FILE, unless it holds it already. */
function writeBundle(code) {
  try {
    if (readFileSync(OUT_FILE, "utf8") === code) return;
  } catch {
    // Not built yet.
  }
  // Written aside and renamed, so a pack starting at the same time never reads half a file.
  const temp = `${OUT_FILE}.${process.pid}.tmp`;
  try {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(temp, code);
    renameSync(temp, OUT_FILE);
  } catch (err) {
    throw new Error(
      `eventstack policy pack: cannot write its bundle to ${OUT_FILE} (${err instanceof Error ? err.message : String(err)}); the pack's folder must be writable`,
      { cause: err },
    );
  }
}

writeBundle(bundle());
require(OUT_FILE);
