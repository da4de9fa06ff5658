/**
 * Writes a check report where it was asked for: the text or JSON report on stdout, SARIF to a file.
 * Also works out the facts SARIF needs about the checkout (tool version, repository-relative
 * project path, the file stack-level findings point at).
 */
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { CheckReport } from "./report-model";
import { renderJson } from "./report-json";
import { renderSarif, type SarifOptions } from "./report-sarif";
import { renderText } from "./report-text";

/** `--sarif FILE` could not be written; the CLI exits 2. */
export class ReportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportFileError";
  }
}

export interface OutputOptions {
  readonly json: boolean;
  /** Where to write SARIF, relative to `projectDir` unless absolute. */
  readonly sarif?: string;
  /** The export file, for state audits. */
  readonly stateFile?: string;
  /** The Pulumi project's directory (the working directory of `npm run check`). */
  readonly projectDir: string;
}

/** The path's stat; undefined when nothing is there (ENOENT, or a file where a directory should be). */
function statOf(path: string, fail: (why: string) => never) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOTDIR" ? undefined : fail(`${path}: ${code ?? String(err)}`);
  }
}

/**
 * Refuses a `--sarif` path that cannot be written, before anything is planned or audited: a
 * missing directory, a path that is a directory, or one the user may not write (`access(2)`, which
 * also catches read-only file systems). Throws {@link ReportFileError} naming the path and why.
 */
export function assertSarifWritable(projectDir: string, sarif: string): void {
  const file = resolve(projectDir, sarif);
  const fail = (why: string): never => {
    throw new ReportFileError(`cannot write --sarif ${sarif}: ${why}`);
  };
  const existing = statOf(file, fail);
  if (existing?.isDirectory()) fail(`${file} is a directory`);
  const dir = dirname(file);
  const parent = statOf(dir, fail);
  if (parent === undefined) fail(`the directory ${dir} does not exist`);
  else if (!parent.isDirectory()) fail(`${dir} is not a directory`);
  const target = existing ? file : dir;
  try {
    accessSync(target, constants.W_OK);
  } catch (err) {
    fail(
      `${existing ? target : `the directory ${target}`} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
}

/** The directory holding `.git`, at or above `dir`; undefined outside a repository. */
export function repositoryRoot(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    if (existsSync(join(cur, ".git"))) return cur;
    const up = dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as {
    version?: unknown;
  };
  return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}

/**
 * SARIF settings for a report of `stack` checked in `projectDir`: paths relative to the repository
 * root; stack-level findings at `Pulumi.<stack>.yaml` (else `Pulumi.yaml`); the tool's page is the
 * repository on GitHub Actions (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`), else Pulumi's
 * policy-as-code documentation.
 */
export function sarifOptionsFor(
  projectDir: string,
  stack: string,
  source: SarifOptions["source"],
  env: NodeJS.ProcessEnv = process.env,
): SarifOptions {
  const root = repositoryRoot(projectDir);
  const projectPath =
    root === undefined ? "" : relative(root, resolve(projectDir)).split(sep).join("/");
  const stackFile = `Pulumi.${stack}.yaml`;
  const repo =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`
      : undefined;
  return {
    toolName: "eventstack-policy-check",
    toolVersion: toolVersion(),
    informationUri: repo ?? "https://www.pulumi.com/docs/iac/crossguard/",
    projectPath,
    fallbackFile: existsSync(join(projectDir, stackFile)) ? stackFile : "Pulumi.yaml",
    source,
  };
}

/** Prints the report (text or JSON) and writes SARIF when asked. */
export function emitReport(report: CheckReport, opts: OutputOptions): void {
  if (opts.sarif !== undefined) {
    const file = resolve(opts.projectDir, opts.sarif);
    const sarif = renderSarif(
      report,
      sarifOptionsFor(opts.projectDir, report.stack, opts.stateFile ? "state" : "plan"),
    );
    try {
      writeFileSync(file, sarif);
    } catch (err) {
      throw new ReportFileError(
        `cannot write --sarif ${opts.sarif}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      );
    }
  }
  process.stdout.write(
    opts.json
      ? renderJson(report)
      : renderText(report, opts.stateFile ? { stateFile: opts.stateFile } : {}),
  );
}
