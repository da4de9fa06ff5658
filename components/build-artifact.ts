/**
 * Build outputs the program deploys (the Lambda bundle `npm run build` writes): the program checks
 * they exist before registering anything that packages them, and names the build it packages by a
 * content hash.
 *
 * The engine itself only finds out when it hashes the archive: a directory archive is read with
 * `os.Stat` and walked with `filepath.Walk`, failing with `couldn't read archive path '…'` when the
 * path is missing (github.com/pulumi/pulumi, sdk/go/common/resource/archive/archive.go, `readPath`
 * and `EnsureHashWithWD`) — and an old folder that is still there is packaged without a word.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The command that produces every build output the program deploys. */
export const BUILD_COMMAND = "npm run build";

/**
 * A build output is missing. A `RunError`, so `pulumi up` and `pulumi preview` print the one line
 * instead of a stack trace (@pulumi/pulumi errors.js `RunError`; cmd/run/run.js hides its stack).
 */
export class BuildArtifactError extends pulumi.RunError {
  /** Marks instances, so a check of another copy of this module still recognises them. */
  readonly __eventstackBuildArtifactError = true;

  constructor(message: string) {
    super(message);
    this.name = "BuildArtifactError";
  }

  /** True for a {@link BuildArtifactError} of any copy of this module. */
  static override isInstance(obj: unknown): obj is BuildArtifactError {
    return (
      obj instanceof Error &&
      (obj as { __eventstackBuildArtifactError?: unknown }).__eventstackBuildArtifactError === true
    );
  }
}

/** A build output found on disk. */
export interface BuildArtifact {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the project directory, with `/` separators (absolute when outside it). */
  readonly displayPath: string;
  /** `sha256:<hex>` over the output's files; see {@link contentHash}. */
  readonly sha256: string;
}

/** Files under the directory the engine skips when it archives one (`BookkeepingDir`). */
const BOOKKEEPING_DIR = ".pulumi";

/** `path` relative to `projectDir` with `/` separators; absolute when it lies outside. */
export function projectRelative(path: string, projectDir: string): string {
  const rel = relative(projectDir, path);
  if (rel === "") return ".";
  if (rel.startsWith("..") || isAbsolute(rel)) return path;
  return rel.split(sep).join("/");
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Every regular file under `dir` as `/`-separated relative paths, sorted, `.pulumi/` left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(sep).join("/"))
    .filter((f) => !f.split("/").includes(BOOKKEEPING_DIR))
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/**
 * `sha256:<hex>` of a file's bytes, or of a directory's files: for each file in sorted path order,
 * its relative path, a NUL, its byte length, a NUL and its bytes. Renaming, adding, removing or
 * changing any file changes it; timestamps and permissions do not.
 */
export function contentHash(path: string): string {
  const hash = createHash("sha256");
  const stats = statSync(path);
  if (stats.isDirectory()) {
    for (const file of filesUnder(path)) {
      const bytes = readFileSync(join(path, file));
      hash.update(`${file}\0${bytes.length}\0`);
      hash.update(bytes);
    }
  } else {
    hash.update(readFileSync(path));
  }
  return `sha256:${hash.digest("hex")}`;
}

/**
 * The build output at `dir`, which must be a directory holding `entry`; throws
 * {@link BuildArtifactError} naming the missing path and {@link BUILD_COMMAND} otherwise.
 */
export function requireBuildArtifact(
  dir: string,
  entry: string,
  projectDir: string = process.cwd(),
): BuildArtifact {
  const path = resolve(dir);
  const displayPath = projectRelative(path, projectDir);
  const missing = (what: string) =>
    new BuildArtifactError(`${what} is missing: run \`${BUILD_COMMAND}\` first`);
  if (statOrUndefined(path)?.isDirectory() !== true) throw missing(displayPath);
  if (statOrUndefined(join(path, entry))?.isFile() !== true) {
    throw missing(`${displayPath}/${entry}`);
  }
  return { path, displayPath, sha256: contentHash(path) };
}
