/**
 * The project's TypeScript loader (policies/offline/ts-loader.js), as every npm script, the tests
 * and `pulumi up` start it: fresh processes with `--require <loader>` over throwaway `.ts` files.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { NODE, TS_LOADER } from "../../support/loader";

const CACHE_DIR = join(__dirname, "../../../node_modules/.cache/eventstack-ts");

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-ts-loader-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function run(dir: string, entry: string, nodeArgs: readonly string[] = []) {
  const r = spawnSync(NODE, [...nodeArgs, ...TS_LOADER, join(dir, entry)], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A file whose line 9 throws, after type-only lines that transpiling removes. */
const THROWS_ON_LINE_9 = [
  "interface Order {",
  "  readonly id: string;",
  "  readonly total: number;",
  "}",
  "type Id = Order['id'];",
  "export function fail(id: Id): never {",
  "  const order: Order = { id, total: 1 };",
  "  void order;",
  "  throw new Error(`order ${id} failed`);",
  "}",
  "",
].join("\n");

/** A project whose `main.ts` prints the stack of `fail(id)` thrown in `fail.ts`'s line 9. */
const failingProject = (id: string): string =>
  project({
    "main.ts": `import { fail } from "./fail";\ntry { fail("${id}"); } catch (e) { console.log((e as Error).stack); }\n`,
    "fail.ts": THROWS_ON_LINE_9,
  });

describe("the TypeScript loader", () => {
  it("resolves extensionless relative and absolute specifiers to .ts files and index.ts folders, files as named first", () => {
    const dir = project({
      "main.ts": [
        'import { a } from "./a";',
        'import { b } from "./lib";',
        'import data = require("./data.json");',
        `import { d } from ${JSON.stringify("%DIR%/abs")};`,
        "console.log(JSON.stringify([a, b, data.c, d]));",
      ].join("\n"),
      "a.ts": "export const a: number = 1;\n",
      "lib/index.ts": 'export const b: string = "b";\n',
      "data.json": '{ "c": true }\n',
      "abs.ts": "export const d = 4;\n",
    });
    writeFileSync(
      join(dir, "main.ts"),
      readFileSync(join(dir, "main.ts"), "utf8").replace("%DIR%", dir),
    );
    const r = run(dir, "main.ts");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '[1,"b",true,4]');
  });

  it("compiles import() of a .ts file to a require, with named exports and the default", () => {
    const dir = project({
      "main.ts": [
        "void (async () => {",
        '  const m = await import("./platform");',
        "  console.log(JSON.stringify([m.name, m.default.kind, typeof m.Platform]));",
        "})();",
      ].join("\n"),
      "platform.ts": [
        'export const name = "gcp";',
        "export class Platform {}",
        'export default { kind: "platform" };',
      ].join("\n"),
    });
    const r = run(dir, "main.ts");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '["gcp","platform","function"]');
  });

  it("compiles with the tsconfig.json settings that change what is emitted", () => {
    const tsconfig = JSON.parse(
      readFileSync(join(__dirname, "../../../tsconfig.json"), "utf8"),
    ) as {
      compilerOptions: Record<string, unknown>;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OPTIONS } = require("../../../policies/offline/ts-loader.js") as {
      OPTIONS: { tsconfigRaw: { compilerOptions: Record<string, unknown> }; format: string };
    };
    const { strict, target, module } = tsconfig.compilerOptions;
    assert.deepEqual(OPTIONS.tsconfigRaw.compilerOptions, { strict, target });
    assert.equal(module, "commonjs");
    assert.equal(OPTIONS.format, "cjs");
  });

  it("runs every file in strict mode, as tsc's output for tsconfig's strict does", () => {
    const dir = project({
      "main.ts": [
        "const order = Object.freeze({ id: 'o-1' });",
        "try {",
        "  (order as { id: string }).id = 'o-2';",
        "  console.log('written');",
        "} catch (e) {",
        "  console.log((e as Error).name);",
        "}",
        "console.log(typeof function (this: unknown) { return this; }());",
      ].join("\n"),
    });
    const r = run(dir, "main.ts");
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split("\n"), ["TypeError", "undefined"]);
  });

  it("gives class fields define semantics, as tsc's output for target ES2023 does", () => {
    const dir = project({
      "main.ts": [
        "class Base { set id(v: string) { console.log('setter ' + v); } }",
        "class Order extends Base { id = 'o-1'; }",
        "console.log(Object.getOwnPropertyDescriptor(new Order(), 'id')?.value);",
      ].join("\n"),
    });
    const r = run(dir, "main.ts");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "o-1");
  });

  it("names the .ts line and column in stack traces, though the output has fewer lines", () => {
    const dir = failingProject("o-1");
    const r = run(dir, "main.ts");
    assert.equal(r.status, 0, r.stderr);
    const [head, first, second] = r.stdout.split("\n");
    assert.equal(head, "Error: order o-1 failed");
    assert.equal(first, `    at fail (${join(dir, "fail.ts")}:9:9)`);
    assert.match(
      second ?? "",
      new RegExp(`^    at Object\\.<anonymous> \\(${join(dir, "main.ts")}:2:7\\)$`),
    );
  });

  it("leaves the mapping to Node when Node's source maps are on (--enable-source-maps)", () => {
    const dir = failingProject("o-2");
    const r = run(dir, "main.ts", ["--enable-source-maps"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`at fail \\(${join(dir, "fail.ts")}:9:9\\)`));
  });

  it("never runs a stale cached output: an edited file runs as edited, with one cache entry", () => {
    const dir = project({ "main.ts": "const n: number = 1;\nconsole.log(n);\n" });
    assert.equal(run(dir, "main.ts").stdout.trim(), "1");
    assert.equal(run(dir, "main.ts").stdout.trim(), "1");
    writeFileSync(join(dir, "main.ts"), "const n: number = 2;\nconsole.log(n);\n");
    const r = run(dir, "main.ts");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "2");
    const entry = join(
      CACHE_DIR,
      `${createHash("sha256").update(join(dir, "main.ts")).digest("hex")}.js`,
    );
    assert.match(readFileSync(entry, "utf8"), /^\/\/ [0-9a-f]{64}\n/);
    assert.match(readFileSync(entry, "utf8"), /const n = 2;/);
  });

  it("turns on V8's compile cache under node_modules/.cache, unless the user chose a directory", () => {
    const probe = 'console.log(require("node:module").getCompileCacheDir())';
    const ours = spawnSync(NODE, [...TS_LOADER, "-e", probe], { encoding: "utf8" });
    // Node keeps one subdirectory per Node version and V8 flags inside the directory it is given.
    assert.equal(dirname(ours.stdout.trim()), join(CACHE_DIR, "v8"));
    const mine = mkdtempSync(join(tmpdir(), "eventstack-v8-"));
    const theirs = spawnSync(NODE, [...TS_LOADER, "-e", probe], {
      encoding: "utf8",
      env: { ...process.env, NODE_COMPILE_CACHE: mine },
    });
    assert.equal(dirname(theirs.stdout.trim()), mine);
  });

  it("refuses a Node.js older than 24 with the version and what to do, before any hook is missing", function () {
    const older = "/usr/bin/node";
    const version = spawnSync(older, ["--version"], { encoding: "utf8" });
    if (version.status !== 0 || Number(version.stdout.slice(1).split(".")[0]) >= 24) this.skip();
    const r = spawnSync(older, [...TS_LOADER, "-e", "console.log('ran')"], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      new RegExp(`needs Node\\.js 24 or later .*this is Node\\.js ${version.stdout.trim()}`),
    );
    assert.match(r.stderr, /Put Node\.js 24 first on PATH, or run the npm scripts/);
  });

  it("reports a syntax error with the file and line, and exits non-zero", () => {
    const dir = project({ "main.ts": "const x: number = ;\n" });
    const r = run(dir, "main.ts");
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /main\.ts:1:18: ERROR: Unexpected ";"/);
  });
});
