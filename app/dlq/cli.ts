/**
 * `npm run dlq -- <list|show|redrive|purge> --consumer NAME --stack NAME …`: dead-letter
 * operations for a deployed stack. Exit codes: 0 done; 1 some records failed; 2 bad arguments or
 * outputs; 3 a cloud call failed.
 */
import { openJournal, memoryJournal } from "./journal";
import { parseDlqArgs, UsageError, USAGE, type DlqArgs } from "./args";
import { connect, type Connection } from "./clouds";
import { listText, purgeText, redriveText, showText } from "./format";
import { listDeadLetters } from "./list";
import { OutputsError, operatorHint, targetFromOutputs, type DlqTarget } from "./outputs";
import { terminalProgress } from "./progress";
import { purge } from "./purge";
import { rateLimiter } from "./rate-limit";
import { redrive } from "./redrive";
import { readStackOutputs } from "./stack-outputs";
import { StateFileError } from "../../policies/offline/state-read";

/** Where the command writes and how it reaches the clouds. */
export interface DlqIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly connect: (target: DlqTarget) => Promise<Connection>;
  /** For default file names. */
  readonly now: () => Date;
}

const defaultIo: DlqIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  connect,
  now: () => new Date(),
};

/** Runs the command; returns the exit code. */
export async function runDlq(argv: readonly string[], io: DlqIo = defaultIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(USAGE);
    return 0;
  }
  let args: DlqArgs;
  let target: DlqTarget;
  try {
    args = parseDlqArgs(argv);
    const { outputs, source } = readStackOutputs(args.from);
    target = targetFromOutputs(outputs, args.consumer, source);
  } catch (err) {
    if (err instanceof UsageError || err instanceof OutputsError || err instanceof StateFileError) {
      io.stderr.write(`dlq: ${err.message}\n`);
      if (err instanceof UsageError) io.stderr.write(USAGE);
      return 2;
    }
    throw err;
  }
  const connection = await io.connect(target);
  try {
    return await execute(args, connection, io);
  } catch (err) {
    io.stderr.write(`dlq: ${(err as Error).message}\n`);
    const hint = operatorHint(target);
    if (hint !== undefined) io.stderr.write(`dlq: ${hint}\n`);
    return 3;
  } finally {
    await connection.close();
  }
}

async function execute(args: DlqArgs, c: Connection, io: DlqIo): Promise<number> {
  const print = (value: unknown, text: string) =>
    io.stdout.write(args.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const slug = `${args.stack}-${args.consumer}`;
  switch (args.command) {
    case "list": {
      const listing = await listDeadLetters(c.source, args.filter, args.limit);
      print(listing, listText(listing));
      return 0;
    }
    case "show": {
      const listing = await listDeadLetters(c.source, args.filter, args.limit);
      print(listing.records, showText(listing.records));
      return listing.records.length > 0 ? 0 : 1;
    }
    case "redrive": {
      const journal = args.yes
        ? openJournal(args.journal ?? `dlq-${slug}.journal`)
        : memoryJournal();
      try {
        const total = await c.source.count();
        const result = await redrive({
          source: c.source,
          sink: c.sink,
          journal,
          limiter: rateLimiter(args.rate),
          progress: terminalProgress(
            io.stderr,
            total === undefined ? undefined : Math.min(total, args.limit),
          ),
          filter: args.filter,
          limit: args.limit,
          dryRun: !args.yes,
        });
        print(result, redriveText(result));
        return result.failed.length + result.notRemoved.length > 0 ? 1 : 0;
      } finally {
        journal.close();
      }
    }
    case "purge": {
      const stamp = io.now().toISOString().replace(/[:.]/g, "-");
      const file = args.out ?? `dlq-purge-${slug}-${stamp}.jsonl`;
      const result = await purge(c.source, args.filter, file, args.limit);
      print(result, purgeText(result));
      return result.notRemoved.length > 0 ? 1 : 0;
    }
  }
}

if (require.main === module) {
  runDlq(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`dlq: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
