/**
 * The files a registration packages: every asset and archive path in its inputs, as the SDK sends
 * them — `{ [specialSigKey]: specialAssetSig | specialArchiveSig, path | uri | text | assets }`
 * (@pulumi/pulumi runtime/rpc.js, `serializeProperty`; asset/asset.js, asset/archive.js).
 *
 * The engine reads each path when it hashes the asset: relative paths are joined to the program's
 * working directory, a missing file fails with `failed to open asset file '…'`, a missing
 * directory with `couldn't read archive path '…'` (github.com/pulumi/pulumi,
 * sdk/go/common/resource/asset/asset.go `readPath`, sdk/go/common/resource/archive/archive.go
 * `readPath`). Offline, a missing path fails the plan the same way, naming the build step.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { specialArchiveSig, specialAssetSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { BUILD_COMMAND, contentHash, projectRelative } from "../../components/build-artifact";
import { isRecord } from "../lib/values";
import type { PackagedFile } from "./mock-types";

/** A registration packages (or builds from) a path that does not exist. */
export class MissingAssetError extends Error {
  constructor(
    readonly urn: string,
    readonly property: string,
    readonly path: string,
    reason = `packages ${path}, which does not exist: run \`${BUILD_COMMAND}\` first`,
  ) {
    super(`${urn}: ${property} ${reason}`);
    this.name = "MissingAssetError";
  }
}

const DOCKER_IMAGE = "docker-build:index:Image";

const isRemote = (location: string) =>
  /^(https?|git):\/\/|^git@|^github\.com\//.test(location) || location === "-";

/**
 * A Docker build's local context and Dockerfile must exist when the provider checks the inputs:
 * `context.location` must be a directory (or a URL, or `-`), `dockerfile.location` a file it can
 * open, by default `<context>/Dockerfile` (github.com/pulumi/pulumi-docker-build,
 * provider/internal/context.go `BuildContext.validate`, provider/internal/dockerfile.go
 * `Dockerfile.validate`). Relative paths are taken from the working directory, the project's.
 */
export function checkBuildContext(
  urn: string,
  type: string,
  inputs: Record<string, unknown>,
  projectDir: string,
): void {
  if (type !== DOCKER_IMAGE) return;
  const context = isRecord(inputs.context) ? inputs.context.location : undefined;
  const dockerfile = isRecord(inputs.dockerfile) ? inputs.dockerfile : {};
  const location = typeof context === "string" && context !== "" ? context : ".";
  if (isRemote(location)) return;
  const dir = resolve(projectDir, location);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new MissingAssetError(
      urn,
      "context.location",
      location,
      `${JSON.stringify(location)} is not a directory, which the Docker build provider refuses`,
    );
  }
  const file =
    typeof dockerfile.location === "string" && dockerfile.location !== ""
      ? dockerfile.location
      : typeof dockerfile.inline === "string" && dockerfile.inline !== ""
        ? undefined
        : join(location, "Dockerfile");
  if (file === undefined || isRemote(file)) return;
  if (!existsSync(resolve(projectDir, file)) || !statSync(resolve(projectDir, file)).isFile()) {
    throw new MissingAssetError(
      urn,
      "dockerfile.location",
      file,
      `${JSON.stringify(file)} is not a file, which the Docker build provider refuses`,
    );
  }
}

/** One path-based asset or archive found in serialized inputs. */
interface FoundPath {
  readonly property: string;
  readonly kind: "asset" | "archive";
  readonly path: string;
}

/** Path-based assets and archives in the wire form of inputs, with their property paths. */
export function assetPaths(value: unknown, at: readonly string[] = []): FoundPath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => assetPaths(v, [...at, String(i)]));
  if (!isRecord(value)) return [];
  const sig = value[specialSigKey];
  const property = at.join(".");
  if (sig === specialAssetSig) {
    return typeof value.path === "string" ? [{ property, kind: "asset", path: value.path }] : [];
  }
  if (sig === specialArchiveSig) {
    if (typeof value.path === "string") return [{ property, kind: "archive", path: value.path }];
    return isRecord(value.assets)
      ? Object.entries(value.assets).flatMap(([k, v]) => assetPaths(v, [...at, "assets", k]))
      : [];
  }
  if (sig === pulumi.runtime.specialSecretSig) return assetPaths(value.value, at);
  return Object.entries(value).flatMap(([k, v]) => assetPaths(v, [...at, k]));
}

/**
 * The files a registration packages, each with its content hash; throws
 * {@link MissingAssetError} for the first path that does not exist. `hashes` caches by absolute
 * path, so a bundle shared by many resources is read once.
 */
export function packagedFiles(
  urn: string,
  wireInputs: unknown,
  projectDir: string,
  hashes: Map<string, string>,
): PackagedFile[] {
  return assetPaths(wireInputs).map((found) => {
    const absolute = isAbsolute(found.path) ? found.path : resolve(projectDir, found.path);
    const path = projectRelative(absolute, projectDir);
    if (!existsSync(absolute)) throw new MissingAssetError(urn, found.property, path);
    let sha256 = hashes.get(absolute);
    if (sha256 === undefined) {
      sha256 = contentHash(absolute);
      hashes.set(absolute, sha256);
    }
    return { property: found.property, kind: found.kind, path, sha256 };
  });
}
