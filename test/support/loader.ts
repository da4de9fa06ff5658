/**
 * How tests start TypeScript entry points in fresh processes the way the npm scripts do: Node 24
 * from the project's `node` devDependency with the project's loader (policies/offline/ts-loader.js:
 * esbuild, no type-check; type-checking is `tsc`'s job), by absolute path so throwaway project
 * directories without node_modules work too.
 */
import { join } from "node:path";

const ROOT = join(__dirname, "../..");

/** The Node 24 binary every npm script runs on. */
export const NODE = join(ROOT, "node_modules/.bin/node");

/** The loader every npm script preloads: TypeScript for `require` and `import()` alike. */
export const TS_LOADER_FILE = join(ROOT, "policies/offline/ts-loader.js");

/** `--require <loader>`, as the npm scripts and Pulumi.yaml's nodeargs start the program. */
export const TS_LOADER: readonly string[] = ["--require", TS_LOADER_FILE];
