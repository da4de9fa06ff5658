import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BuildArtifactError,
  contentHash,
  requireBuildArtifact,
} from "../../components/build-artifact";

/** A project folder with a bundle of these files under dist/lambda. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-artifact-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, "dist", "lambda", name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

const BUNDLE = { "index.mjs": "export const handler = 1;\n", "chunks/a.mjs": "export {};\n" };

describe("build artifacts", () => {
  it("Noncompliance 1: a missing bundle fails with one line naming it and npm run build", () => {
    const dir = project({});
    assert.throws(
      () => requireBuildArtifact(join(dir, "dist", "lambda"), "index.mjs", dir),
      (err: unknown) =>
        BuildArtifactError.isInstance(err) &&
        err.message === "dist/lambda is missing: run `npm run build` first",
    );
  });

  it("Noncompliance 2: a bundle without its entry file fails naming the entry", () => {
    const dir = project({ "chunks/a.mjs": "export {};\n" });
    assert.throws(() => requireBuildArtifact(join(dir, "dist", "lambda"), "index.mjs", dir), {
      name: "BuildArtifactError",
      message: "dist/lambda/index.mjs is missing: run `npm run build` first",
    });
  });

  it("Compliance 1: a built bundle is found, with its project path and content hash", () => {
    const dir = project(BUNDLE);
    const artifact = requireBuildArtifact(join(dir, "dist", "lambda"), "index.mjs", dir);
    assert.equal(artifact.displayPath, "dist/lambda");
    assert.equal(artifact.path, join(dir, "dist", "lambda"));
    assert.match(artifact.sha256, /^sha256:[0-9a-f]{64}$/);
    assert.equal(artifact.sha256, contentHash(join(dir, "dist", "lambda")));
  });

  it("hashes the same files the same wherever they are, and any change to a file changes it", () => {
    const a = contentHash(join(project(BUNDLE), "dist", "lambda"));
    assert.equal(contentHash(join(project(BUNDLE), "dist", "lambda")), a);
    const changed = { ...BUNDLE, "chunks/a.mjs": "export {}; \n" };
    assert.notEqual(contentHash(join(project(changed), "dist", "lambda")), a);
    const added = { ...BUNDLE, "chunks/b.mjs": "" };
    assert.notEqual(contentHash(join(project(added), "dist", "lambda")), a);
    const moved = project(BUNDLE);
    renameSync(join(moved, "dist/lambda/chunks/a.mjs"), join(moved, "dist/lambda/chunks/c.mjs"));
    assert.notEqual(contentHash(join(moved, "dist", "lambda")), a);
  });

  it("leaves the engine's .pulumi bookkeeping folder out, as the engine's archives do", () => {
    const a = contentHash(join(project(BUNDLE), "dist", "lambda"));
    const withBookkeeping = { ...BUNDLE, ".pulumi/state.json": "{}" };
    assert.equal(contentHash(join(project(withBookkeeping), "dist", "lambda")), a);
  });
});
