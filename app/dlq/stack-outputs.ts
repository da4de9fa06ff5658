/**
 * Where the stack outputs come from: a `pulumi stack export` file (read with the audit's own
 * reader, which handles every deployment version), a saved `pulumi stack output --json`, or the
 * Pulumi CLI itself.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readStackState } from "../../policies/offline/state-read";
import { OutputsError } from "./outputs";

/** Where to read outputs from. */
export type OutputsSource =
  | { readonly kind: "state"; readonly file: string }
  | { readonly kind: "outputs"; readonly file: string }
  | { readonly kind: "cli"; readonly stack: string };

/** What the outputs are and a name for them in messages. */
export interface StackOutputs {
  readonly outputs: unknown;
  readonly source: string;
}

/** Reads the stack outputs; throws {@link OutputsError} with the file or command in the message. */
export function readStackOutputs(from: OutputsSource): StackOutputs {
  if (from.kind === "state") {
    const state = readStackState(from.file);
    // The root stack resource's outputs are the stack's outputs.
    const root = state.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    if (root === undefined) {
      throw new OutputsError(`${from.file}: the export has no pulumi:pulumi:Stack resource`);
    }
    return { outputs: root.outputs, source: `${from.file} (stack ${state.stack})` };
  }
  if (from.kind === "outputs") {
    let text: string;
    try {
      text = readFileSync(from.file, "utf8");
    } catch (err) {
      throw new OutputsError(`${from.file}: cannot read: ${(err as NodeJS.ErrnoException).code}`);
    }
    return { outputs: parseJson(text, from.file), source: from.file };
  }
  const command = `pulumi stack output --json --stack ${from.stack}`;
  let text: string;
  try {
    text = execFileSync("pulumi", ["stack", "output", "--json", "--stack", from.stack], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "ENOENT"
        ? "the Pulumi CLI is not installed; pass --state <export file> or --outputs <file> instead"
        : String((err as { stderr?: unknown }).stderr ?? err).trim();
    throw new OutputsError(`${command}: ${reason}`);
  }
  return { outputs: parseJson(text, command), source: command };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new OutputsError(`${source}: not JSON: ${(err as Error).message}`);
  }
}
