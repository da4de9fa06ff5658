/**
 * How tests start TypeScript entry points in fresh processes the way the npm scripts do: Node 24
 * from the project's `node` devDependency with tsx's loader (esbuild; type-checking is `tsc`'s
 * job), by absolute URL so throwaway project directories without node_modules work too.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(__dirname, "../..");

/** The Node 24 binary every npm script runs on. */
export const NODE = join(ROOT, "node_modules/.bin/node");

/** `--import <tsx>`: registers TypeScript loading for `require` and `import()` alike. */
export const TS_LOADER: readonly string[] = [
  "--import",
  pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href,
];

/** Compiles throwaway projects (no tsconfig of their own) with this repository's settings. */
export const LOADER_ENV: Readonly<Record<string, string>> = {
  TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json"),
};
