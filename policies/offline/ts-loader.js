// TypeScript loading for every entry point of this project: `npm run check`, the other npm
// scripts, the tests, the bench, the package's bin and `pulumi up` itself (Pulumi.yaml
// `nodeargs: --require ./policies/offline/ts-loader.js`). Loaded with `node --require <this file>`.
//
// It transpiles this project's `.ts` files with esbuild (type-checking is `tsc --noEmit`'s job) and
// nothing else: Node's synchronous module hooks (`module.registerHooks`, added in 22.15 / 23.5 and
// used here on the project's Node 24 only, the line whose fixes node-tap also waits for,
// https://nodejs.org/api/module.html#synchronous-hooks-accepted-by-moduleregisterhooks) run in
// this thread for `require` and `import` alike, and every `.js` file of node_modules loads exactly
// as without a loader. (General-purpose loaders such as tsx also scan each `.js` file they load for
// ESM syntax and dynamic imports, which costs more than the whole program when @pulumi/aws loads.)
//
// What the transpiled code means is what `tsc` with this repository's tsconfig (module commonjs,
// target ES2023, strict, isolatedModules) emits: CommonJS in strict mode, class fields with define
// semantics (TypeScript's default for target ≥ ES2022), and `import()` compiled to a
// `require` (as tsc does for module commonjs, https://www.typescriptlang.org/tsconfig/#module).
// Relative specifiers without extension resolve the way tsconfig's `moduleResolution: node10`
// resolves them: `./x` → `./x.ts` → `./x/index.ts`, after any file that exists as named.
//
// Each output is cached under node_modules/.cache/eventstack-ts (with V8's compile cache for every
// module, below), keyed by the file's path, its
// content, esbuild's version and the options, so a repeated run starts no esbuild at all; a cache
// that cannot be written (a read-only checkout) only costs the transform.
//
// Stack traces, and with them Pulumi's resource source positions (`Resource.stackTrace`, read from
// `new Error().stack` in @pulumi/pulumi resource.js), name the `.ts` lines: frames in a transpiled
// file are mapped through its esbuild source map, parsed on first use. Node's own source-map
// support (`process.setSourceMapsEnabled`) would do the same but reads and indexes the source map
// of every module with a `sourceMappingURL` as it loads; @pulumi/pulumi alone loads the 9 MB
// typescript.js, whose line index costs more than a tenth of a second. When Node's support is on
// anyway (`--enable-source-maps`), it maps these frames itself and this loader stays out of it.
"use strict";

const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { enableCompileCache, registerHooks, SourceMap } = require("node:module");
const { isAbsolute, join } = require("node:path");
const { fileURLToPath, pathToFileURL, URL } = require("node:url");

const NODE_MAJOR = Number(process.versions.node.split(".")[0]);
if (NODE_MAJOR < 24 || typeof registerHooks !== "function") {
  // `pulumi up` runs the `node` on PATH; say what to change rather than fail on a missing hook.
  process.stderr.write(
    `eventstack: TypeScript loading (policies/offline/ts-loader.js) needs Node.js 24 or later ` +
      `(module.registerHooks); this is Node.js ${process.version} (${process.execPath}). ` +
      `Put Node.js 24 first on PATH, or run the npm scripts, which use the project's own.\n`,
  );
  process.exit(1);
}

const ROOT = join(__dirname, "../..");
const CACHE_DIR = join(ROOT, "node_modules/.cache/eventstack-ts");
/** Bumped whenever what this file emits changes, so older cache entries are not reused. */
const LOADER_VERSION = "2";
const OPTIONS = {
  loader: "ts",
  format: "cjs",
  target: "node24",
  sourcemap: "inline",
  // The tsconfig settings that change what esbuild emits (https://esbuild.github.io/content-types/
  // #tsconfig-json), as tsconfig.json sets them: `strict` makes every file strict mode (tsc emits
  // "use strict" for it), and target ES2023 gives class fields define semantics.
  tsconfigRaw: { compilerOptions: { strict: true, target: "ES2023" } },
  // `import()` becomes `Promise.resolve().then(() => __toESM(require(…)))`, like tsc's output.
  supported: { "dynamic-import": false },
};

/** @type {{ transformSync: (code: string, options: object) => { code: string } } | undefined} */
let esbuild;
/** esbuild's version from its package.json: reading it does not start esbuild's service. */
const ESBUILD_VERSION = JSON.parse(
  readFileSync(require.resolve("esbuild/package.json"), "utf8"),
).version;

/** @param {string} path */
const isFile = (path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/** @param {string} path */
function readIfPresent(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The TypeScript file a relative or absolute specifier from a `.ts` file names, or undefined when the
 * specifier names an existing file as is (or nothing this loader resolves).
 * @param {string} specifier
 * @param {string | undefined} parentURL
 */
function resolveTs(specifier, parentURL) {
  if (parentURL === undefined || !parentURL.startsWith("file:") || !parentURL.endsWith(".ts"))
    return undefined;
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && !isAbsolute(specifier))
    return undefined;
  const path = fileURLToPath(new URL(specifier, parentURL));
  if (isFile(path)) return undefined;
  for (const candidate of [`${path}.ts`, join(path, "index.ts")])
    if (isFile(candidate)) return pathToFileURL(candidate).href;
  return undefined;
}

/**
 * The CommonJS output for one TypeScript file, from the cache or from esbuild. The cache keeps one
 * entry per source file (named by its path's hash, so it does not grow with every edit), whose first
 * line is the hash of everything the output depends on.
 * @param {string} file
 */
function transpile(file) {
  const source = readFileSync(file, "utf8");
  const header = `// ${createHash("sha256")
    .update(JSON.stringify([LOADER_VERSION, ESBUILD_VERSION, OPTIONS, file]))
    .update(source)
    .digest("hex")}\n`;
  const entry = join(CACHE_DIR, `${createHash("sha256").update(file).digest("hex")}.js`);
  const cached = readIfPresent(entry);
  if (cached?.startsWith(header)) return remember(file, cached.slice(header.length));
  // Loaded only on a cache miss: esbuild starts its service process on the first transform.
  esbuild ??= require("esbuild");
  const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: file });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written whole, then renamed: a concurrent process reads either the old entry or the new one.
    const partial = `${entry}.${process.pid}.tmp`;
    writeFileSync(partial, header + code);
    renameSync(partial, entry);
  } catch {
    // A read-only checkout: the next run transpiles again.
  }
  return remember(file, code);
}

/** Transpiled file → its source map: the raw JSON until a stack trace needs it. */
/** @type {Map<string, string | InstanceType<typeof SourceMap>>} */
const sourceMaps = new Map();
const INLINE_MAP = "//# sourceMappingURL=data:application/json;base64,";

/**
 * Keeps the inline source map of a transpiled file for stack traces; returns the code.
 * @param {string} file @param {string} code
 */
function remember(file, code) {
  const at = code.lastIndexOf(INLINE_MAP);
  if (at >= 0) sourceMaps.set(file, code.slice(at + INLINE_MAP.length).trim());
  return code;
}

/**
 * One frame as V8 prints it, with a transpiled file's line and column replaced by the source's.
 * @param {NodeJS.CallSite} site
 */
function formatFrame(site) {
  const text = String(site);
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (file === undefined || file === null || line === null || column === null) return text;
  let map = sourceMaps.get(file);
  if (map === undefined) return text;
  if (typeof map === "string") {
    map = new SourceMap(JSON.parse(Buffer.from(map, "base64").toString("utf8")));
    sourceMaps.set(file, map);
  }
  const entry = map.findEntry(line - 1, column - 1);
  if (!("originalLine" in entry)) return text;
  const generated = `${file}:${line}:${column}`;
  const original = `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const at = text.lastIndexOf(generated);
  return at < 0 ? text : text.slice(0, at) + original + text.slice(at + generated.length);
}

if (!process.sourceMapsEnabled) {
  // Node's default formatting (lib/internal/errors.js defaultPrepareStackTrace, which Node also
  // exposes as the initial `Error.prepareStackTrace`), frame by frame.
  Error.prepareStackTrace = (error, sites) => {
    let head;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = "<error>";
    }
    return sites.length === 0
      ? head
      : `${head}\n    at ${sites.map(formatFrame).join("\n    at ")}`;
  };
}

// V8's code cache for every module this process loads, SDKs included: compiling @pulumi/aws's
// JavaScript is most of what a fresh `check` spends beyond the program itself.
// https://nodejs.org/api/module.html#moduleenablecompilecachedirectory — Node checks each entry
// against the module's source and its own version, and `NODE_COMPILE_CACHE` (another directory) or
// `NODE_DISABLE_COMPILE_CACHE=1` set by the user win over this.
if (process.env.NODE_COMPILE_CACHE === undefined) enableCompileCache(join(CACHE_DIR, "v8"));

registerHooks({
  resolve(specifier, context, nextResolve) {
    const url = resolveTs(specifier, context.parentURL);
    if (url !== undefined) return { url, format: "commonjs", shortCircuit: true };
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.startsWith("file:") && url.endsWith(".ts")) {
      return { format: "commonjs", source: transpile(fileURLToPath(url)), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});

/** What the loader hands esbuild, for the test that holds it to tsconfig.json. */
module.exports = { OPTIONS };
