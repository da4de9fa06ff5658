import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT, TARGETS, type Target } from "../../app/build";
import { bundles } from "./support/bundles";
import { run } from "./support/process";

describe("npm run build", function () {
  this.timeout(60_000);

  it("writes dist/lambda/index.mjs exporting handler, with source maps, all JS under 1 MiB", async () => {
    const { lambda } = await bundles();
    assert.equal(lambda.file.endsWith(join("lambda", "index.mjs")), true);
    assert.ok(existsSync(`${lambda.file}.map`));
    assert.match(readFileSync(lambda.file, "utf8"), /\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    assert.ok(lambda.totalBytes < 1024 * 1024, `${lambda.totalBytes} bytes`);
    // Load it the way the Lambda runtime does: an ES module import in a fresh Node 24 process.
    const child = run(
      [
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(pathToFileURL(lambda.file).href)}); console.log(typeof m.handler);`,
      ],
      {},
    );
    assert.equal(await child.exited, 0, child.output());
    assert.equal(child.output().trim(), "function");
  });

  it("bundles the AWS SDK (tree-shaken, in a lazily loaded chunk) instead of expecting it at run time", async () => {
    const { lambda } = await bundles();
    const dir = dirname(lambda.file);
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" });
    const code = files
      .filter((f) => f.endsWith(".mjs"))
      .map((f) => readFileSync(join(dir, f), "utf8"));
    const sources = files
      .filter((f) => f.endsWith(".map"))
      .flatMap(
        (f) => (JSON.parse(readFileSync(join(dir, f), "utf8")) as { sources: string[] }).sources,
      );
    assert.ok(
      sources.some((s) =>
        s.includes("@aws-sdk/client-secrets-manager/dist-es/commands/GetSecretValueCommand"),
      ),
    );
    assert.ok(
      !sources.some((s) => s.includes("/commands/DeleteSecretCommand")),
      "unused commands are shaken out",
    );
    assert.ok(code.every((c) => !/from\s*"@aws-sdk\//.test(c)));
    const entrySources = (
      JSON.parse(readFileSync(`${lambda.file}.map`, "utf8")) as { sources: string[] }
    ).sources;
    assert.ok(
      !entrySources.some((s) => s.includes("@aws-sdk/")),
      "the entry itself does not load the SDK",
    );
  });

  it("writes dist/consumer/index.mjs with everything bundled (it runs from a folder without node_modules)", async () => {
    const { consumer } = await bundles();
    assert.ok(existsSync(`${consumer.file}.map`));
    assert.equal(existsSync(join(dirname(dirname(consumer.file)), "node_modules")), false);
    assert.doesNotMatch(readFileSync(consumer.file, "utf8"), /from\s*"(fastify|jose|zod)"/);
  });
});

describe("npm run build: source maps", function () {
  this.timeout(60_000);

  interface MapFile {
    readonly sources: readonly string[];
    readonly mappings: string;
    readonly sourcesContent?: readonly (string | null)[];
  }

  it("holds mappings but no copy of the sources' text, in every bundle and chunk", async () => {
    const report = await bundles();
    for (const target of Object.keys(TARGETS) as Target[]) {
      const dir = dirname(report[target].file);
      const maps = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
        f.endsWith(".mjs.map"),
      );
      assert.ok(maps.length > 0, `${target}: no source maps`);
      for (const file of maps) {
        const map = JSON.parse(readFileSync(join(dir, file), "utf8")) as MapFile;
        assert.equal(map.sourcesContent, undefined, `${target}/${file} embeds the sources' text`);
        // (A chunk of only esbuild's shared helpers maps to no source.)
        if (file === "index.mjs.map") assert.ok(map.mappings.length > 0, `${target}: no mappings`);
      }
    }
  });

  it("still leads a position in the minified consumer bundle back to its TypeScript file and line, as Node loads the map", async () => {
    const { consumer } = await bundles();
    const code = readFileSync(consumer.file, "utf8");
    const message = "duplicate event acknowledged";
    const at = code.indexOf(message);
    assert.ok(at > 0, "the message is in the bundle");
    const before = code.slice(0, at).split("\n");
    const line = before.length - 1;
    const column = (before.at(-1) ?? "").length;
    const source = readFileSync(join(REPO_ROOT, "app", "core", "pipeline.ts"), "utf8").split("\n");
    const expectedLine = source.findIndex((l) => l.includes(message));
    // Node's own map loading: the bundle imported under --enable-source-maps, then its map found.
    const child = run(
      [
        "--enable-source-maps",
        "--input-type=module",
        "-e",
        [
          'import { findSourceMap } from "node:module";',
          `const url = ${JSON.stringify(pathToFileURL(consumer.file).href)};`,
          // Importing the entry starts the server: the map is read as the module loads.
          "await import(url);",
          `const e = findSourceMap(url)?.findEntry(${line}, ${column});`,
          "console.log(JSON.stringify({ source: e?.originalSource, line: e?.originalLine }));",
          "process.exit(0);",
        ].join("\n"),
      ],
      { PORT: "0", AUTH_MODE: "none", CONSUMER_NAME: "source-maps" },
    );
    assert.equal(await child.exited, 0, child.output());
    // The consumer's own log lines may be flushed after it, at exit.
    const found = child.lines.find((l) => "source" in l) ?? {};
    assert.match(String(found.source), /\/app\/core\/pipeline\.ts$/);
    assert.equal(found.line, expectedLine);
  });
});

describe("consumer Dockerfile and build context", () => {
  const dockerfile = readFileSync(join(REPO_ROOT, "app", "consumer", "Dockerfile"), "utf8");
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it("is multi-stage on Node 24: npm ci + npm run build, then a slim runtime", () => {
    assert.equal(stages.length, 2);
    // The build stage may run on the builder's platform (`--platform=$BUILDPLATFORM`): its output
    // is platform-independent JavaScript.
    assert.match(stages[0] ?? "", /^(--platform=\$BUILDPLATFORM )?node:24\S* AS build/);
    assert.match(stages[0] ?? "", /RUN .*npm ci/);
    assert.match(stages[0] ?? "", /RUN npm run build/);
    assert.match(stages[1] ?? "", /^node:24-\S*slim AS runtime/);
  });

  it("ships only the consumer bundle, runs as a non-root user, and starts the bundle with exec-form CMD", () => {
    const runtime = stages[1] ?? "";
    const copies = runtime.match(/^COPY .*$/gm) ?? [];
    assert.deepEqual(copies, ["COPY --from=build /src/dist/consumer ./dist/consumer"]);
    assert.match(runtime, /^USER node$/m);
    assert.doesNotMatch(runtime, /npm (ci|install)/);
    assert.match(runtime, /^CMD \["node", "dist\/consumer\/index\.mjs"\]$/m);
  });

  it("keeps node_modules, dist, .git and stack files out of the context (allow-list)", () => {
    const rules = readFileSync(join(REPO_ROOT, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    assert.equal(rules[0], "*");
    assert.deepEqual(rules.slice(1).sort(), [
      "!app/",
      "!package-lock.json",
      "!package.json",
      "!tsconfig.json",
    ]);
    for (const copied of dockerfile.match(/^COPY (?!--from)(.*) \S+$/gm) ?? []) {
      for (const path of copied
        .replace(/^COPY /, "")
        .split(" ")
        .slice(0, -1)) {
        assert.ok(
          rules.includes(`!${path}`) || rules.includes(`!${path}/`),
          `${path} is copied but not allowed into the context`,
        );
      }
    }
  });
});
