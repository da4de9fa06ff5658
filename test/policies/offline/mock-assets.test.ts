/**
 * The mock runtime's check of what a registration reads from disk: asset and archive paths (as the
 * engine hashes them) and a Docker build's context and Dockerfile (as the provider checks them).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { serializeProperty } from "@pulumi/pulumi/runtime/rpc";
import { assetPaths } from "../../../policies/offline/mock-assets";
import {
  installMockRuntime,
  MissingAssetError,
  runProgram,
} from "../../../policies/offline/mock-runtime";

const IMAGE = "urn:pulumi:dev::shop::docker-build:index:Image::consumer";

/** Plans one Docker build in `dir` with these inputs. */
async function planImage(dir: string, inputs: Record<string, unknown>) {
  const runtime = await installMockRuntime({
    project: "shop",
    stack: "dev",
    config: {},
    projectRoot: dir,
  });
  await runProgram(async () => {
    const dockerBuild = await import("@pulumi/docker-build");
    new dockerBuild.Image("consumer", { push: false, ...inputs });
    return {};
  });
  return runtime.resources;
}

function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-assets-"));
  mkdirSync(join(dir, "app", "consumer"), { recursive: true });
  writeFileSync(join(dir, "app", "consumer", "Dockerfile"), "FROM scratch\n");
  return dir;
}

describe("packaged paths", function () {
  this.timeout(60_000);

  it("finds asset and archive paths in the SDK's wire form, with their property paths", async () => {
    const wire = await serializeProperty(
      "test",
      {
        code: new pulumi.asset.AssetArchive({
          "index.mjs": new pulumi.asset.FileAsset("dist/a.mjs"),
          inline: new pulumi.asset.StringAsset("text"),
          lib: new pulumi.asset.FileArchive("dist/lib"),
        }),
        layers: [new pulumi.asset.FileArchive("layer.zip")],
        name: "fn",
      },
      new Set(),
    );
    assert.deepEqual(assetPaths(wire), [
      { property: "code.assets.index.mjs", kind: "asset", path: "dist/a.mjs" },
      { property: "code.assets.lib", kind: "archive", path: "dist/lib" },
      { property: "layers.0", kind: "archive", path: "layer.zip" },
    ]);
  });

  it("Noncompliance 1: a Docker build context that is not a directory fails the plan", async () => {
    const dir = projectDir();
    await assert.rejects(
      planImage(dir, { context: { location: "app/missing" } }),
      (err: unknown) =>
        err instanceof MissingAssetError &&
        err.message ===
          `${IMAGE}: context.location "app/missing" is not a directory, which the Docker build provider refuses`,
    );
  });

  it("Noncompliance 2: a Dockerfile that is not there fails the plan, the default one too", async () => {
    const dir = projectDir();
    await assert.rejects(
      planImage(dir, { context: { location: "." }, dockerfile: { location: "Dockerfile.prod" } }),
      {
        message: `${IMAGE}: dockerfile.location "Dockerfile.prod" is not a file, which the Docker build provider refuses`,
      },
    );
    await assert.rejects(planImage(dir, { context: { location: "app" } }), {
      message: `${IMAGE}: dockerfile.location "app/Dockerfile" is not a file, which the Docker build provider refuses`,
    });
  });

  it("Compliance 1: an existing context and Dockerfile, or an inline Dockerfile, plan", async () => {
    const dir = projectDir();
    const withFile = await planImage(dir, {
      context: { location: "." },
      dockerfile: { location: "app/consumer/Dockerfile" },
    });
    assert.ok(withFile.some((r) => r.urn === IMAGE));
    const inline = await planImage(dir, {
      context: { location: "app" },
      dockerfile: { inline: "FROM scratch\n" },
    });
    assert.ok(inline.some((r) => r.urn === IMAGE));
  });
});
