import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../../app/build";
import { bundles } from "./support/bundles";
import { run } from "./support/process";

describe("npm run build", function () {
  this.timeout(60_000);

  it("writes dist/lambda/index.mjs exporting handler, with a source map, under 1 MiB", async () => {
    const { lambda } = await bundles();
    assert.equal(lambda.file.endsWith(join("lambda", "index.mjs")), true);
    assert.ok(existsSync(`${lambda.file}.map`));
    assert.match(readFileSync(lambda.file, "utf8"), /\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    assert.ok(lambda.bytes < 1024 * 1024, `${lambda.bytes} bytes`);
    // Load it the way the Lambda runtime does: an ES module import in a fresh Node 24 process.
    const child = run(
      [
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(pathToFileURL(lambda.file).href)}); console.log(Object.keys(m).includes("handler"), typeof m.handler);`,
      ],
      {},
    );
    assert.equal(await child.exited, 0, child.output());
    assert.equal(child.output().trim(), "true function");
  });

  it("bundles the AWS SDK instead of expecting it at run time", async () => {
    const { lambda } = await bundles();
    const map = JSON.parse(readFileSync(`${lambda.file}.map`, "utf8")) as { sources: string[] };
    assert.ok(map.sources.some((s) => s.includes("@aws-sdk/client-secrets-manager")));
    assert.doesNotMatch(readFileSync(lambda.file, "utf8"), /from\s*"@aws-sdk\//);
  });

  it("writes dist/consumer/index.mjs with everything bundled (it runs from a folder without node_modules)", async () => {
    const { consumer } = await bundles();
    assert.ok(existsSync(`${consumer.file}.map`));
    assert.equal(existsSync(join(dirname(dirname(consumer.file)), "node_modules")), false);
    assert.doesNotMatch(readFileSync(consumer.file, "utf8"), /from\s*"(fastify|jose|zod)"/);
  });
});

describe("consumer Dockerfile and build context", () => {
  const dockerfile = readFileSync(join(REPO_ROOT, "app", "consumer", "Dockerfile"), "utf8");
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it("is multi-stage on Node 24: npm ci + npm run build, then a slim runtime", () => {
    assert.equal(stages.length, 2);
    assert.match(stages[0] ?? "", /^node:24\S* AS build/);
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
