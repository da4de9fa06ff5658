/**
 * `eventstack <command> …`, the package's bin (`npx eventstack check --stack dev --json`): `check`
 * is the one command, and takes the same arguments as `npm run check --`.
 */
import { EXIT, HELP, main } from "./cli";

const COMMAND_USAGE =
  "usage: npx eventstack check [options]; npx eventstack check --help lists them";

/** Runs one command line (without the program name) and returns the exit status. */
export async function runCommand(argv: readonly string[], projectDir: string): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "check") return main(rest, projectDir);
  if (command === "-h" || command === "--help") {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const problem =
    command === undefined
      ? "a command is required"
      : `unknown command ${JSON.stringify(command)}, the only one is "check"`;
  process.stderr.write(`eventstack: ${problem}; ${COMMAND_USAGE}\n`);
  return EXIT.usage;
}
