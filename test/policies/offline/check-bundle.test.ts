/**
 * The build the plan packages: `check` fails naming `npm run build` when a packaged path is
 * missing (the program's own check for the Lambda bundle, and the mock runtime's for any asset or
 * archive), and reports the content hash of what it packaged.
 */
import assert from "node:assert/strict";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contentHash } from "../../../components/build-artifact";
import { checkInProcess, PROJECT_DIR } from "../../support/check-cli";

/** `npm run check -- <args>` with `cwd` as the project. */
const check = (args: string[], cwd: string) => checkInProcess(args, { cwd });

/**
 * A copy of this project's program and prod stack without `dist/` (a fresh clone), so removing or
 * changing the bundle never touches the repository's own build.
 */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-clone-"));
  for (const file of ["index.ts", "Pulumi.yaml", "Pulumi.prod.yaml"]) {
    copyFileSync(join(PROJECT_DIR, file), join(dir, file));
  }
  cpSync(join(PROJECT_DIR, "components"), join(dir, "components"), { recursive: true });
  cpSync(join(PROJECT_DIR, "app", "samples"), join(dir, "app", "samples"), { recursive: true });
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** Writes a stand-in bundle (planning reads its files, never runs them). */
function writeBundle(dir: string, handler: string): string {
  const bundle = join(dir, "dist", "lambda");
  mkdirSync(join(bundle, "chunks"), { recursive: true });
  writeFileSync(join(bundle, "index.mjs"), handler);
  writeFileSync(join(bundle, "chunks", "secrets.mjs"), "export const read = () => 1;\n");
  return bundle;
}

const FUNCTIONS = [
  "urn:pulumi:prod::eventstack::eventstack:aws:Platform$eventstack:aws:Consumer$aws:lambda/function:Function::eventstack-audit-fn",
  "urn:pulumi:prod::eventstack::eventstack:aws:Platform$eventstack:aws:Consumer$aws:lambda/function:Function::eventstack-orders-fn",
];

describe("check and the packaged build", function () {
  this.timeout(240_000);

  it("Noncompliance 1: without dist/lambda, check --stack prod fails in one line naming npm run build", async () => {
    const dir = freshClone();
    const r = await check(["--stack", "prod"], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, "check: dist/lambda is missing: run `npm run build` first\n");
    assert.equal(r.stdout, "");
  });

  it("Compliance 1: the plan names the bundle it packages by content hash, and a changed file changes it", async () => {
    const dir = freshClone();
    const bundle = writeBundle(dir, "export const handler = async () => 1;\n");
    const first = contentHash(bundle);
    const text = await check(["--stack", "prod"], dir);
    assert.equal(text.status, 0, text.stderr);
    assert.ok(
      text.stdout.split("\n").includes(`packaged dist/lambda ${first} (2 resources)`),
      text.stdout,
    );
    const json = await check(["--stack", "prod", "--json"], dir);
    assert.equal(json.status, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { packaged: unknown };
    assert.deepEqual(doc.packaged, [
      { kind: "archive", path: "dist/lambda", sha256: first, resources: FUNCTIONS },
    ]);

    writeBundle(dir, "export const handler = async () => 2;\n");
    const second = contentHash(bundle);
    assert.notEqual(second, first);
    const again = await check(["--stack", "prod"], dir);
    assert.ok(again.stdout.includes(`packaged dist/lambda ${second} (2 resources)`), again.stdout);
  });

  describe("any asset or archive path", () => {
    const program = [
      'import * as aws from "@pulumi/aws";',
      'import * as pulumi from "@pulumi/pulumi";',
      "export = async () => {",
      '  new aws.lambda.Function("fn", {',
      '    role: "arn:aws:iam::123456789012:role/fn",',
      '    runtime: "nodejs24.x",',
      '    handler: "index.handler",',
      "    code: new pulumi.asset.AssetArchive({",
      '      "index.mjs": new pulumi.asset.FileAsset("build/out/index.mjs"),',
      "    }),",
      "  });",
      "  return {};",
      "};",
      "",
    ].join("\n");
    const project = () => {
      const dir = freshClone();
      writeFileSync(join(dir, "index.ts"), program);
      rmSync(join(dir, "components"), { recursive: true });
      return dir;
    };
    const URN = "urn:pulumi:prod::eventstack::aws:lambda/function:Function::fn";

    it("Noncompliance 2: a missing path fails check naming the resource, the path and npm run build", async () => {
      const r = await check(["--stack", "prod"], project());
      assert.equal(r.status, 2, r.stderr);
      assert.equal(
        r.stderr,
        `check: ${URN}: code.assets.index.mjs packages build/out/index.mjs, which does not exist: run \`npm run build\` first\n`,
      );
    });

    it("Compliance 2: a present path is listed with its content hash", async () => {
      const dir = project();
      mkdirSync(join(dir, "build", "out"), { recursive: true });
      writeFileSync(join(dir, "build", "out", "index.mjs"), "export const handler = 1;\n");
      const r = await check(["--stack", "prod", "--json"], dir);
      const doc = JSON.parse(r.stdout) as { packaged: unknown };
      assert.deepEqual(doc.packaged, [
        {
          kind: "asset",
          path: "build/out/index.mjs",
          sha256: contentHash(join(dir, "build", "out", "index.mjs")),
          resources: [URN],
        },
      ]);
    });
  });
});
