/**
 * The command line of `npm run dlq`, parsed and validated; bad input throws {@link UsageError}
 * naming the flag, the value and what is allowed.
 */
import { parseArgs } from "node:util";
import type { RecordFilter } from "./filter";
import type { OutputsSource } from "./stack-outputs";

export const COMMANDS = ["list", "show", "redrive", "purge"] as const;
export type Command = (typeof COMMANDS)[number];

/** Thrown for a bad command line; the CLI exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A parsed command line. */
export interface DlqArgs {
  readonly command: Command;
  readonly consumer: string;
  readonly from: OutputsSource;
  /** The stack named in messages and default file names. */
  readonly stack: string;
  readonly filter: RecordFilter;
  readonly limit: number;
  readonly json: boolean;
  readonly yes: boolean;
  /** Events per second a redrive publishes. */
  readonly rate: number;
  readonly journal: string | undefined;
  readonly out: string | undefined;
}

export const USAGE = `usage: npm run dlq -- <list|show|redrive|purge> --consumer NAME
         (--stack NAME | --state EXPORT.json | --outputs OUTPUTS.json) [options]

  list       count and page through dead letters, with why they failed
  show       one record in full (needs --id)
  redrive    put events back on the bus/topic; a dry run unless --yes
  purge      delete records for good (needs --yes and a filter); writes them to --out first

  --stack NAME        read outputs with \`pulumi stack output --json --stack NAME\`
  --state FILE        read outputs from a \`pulumi stack export\` file instead
  --outputs FILE      read a saved \`pulumi stack output --json\` instead
  --consumer NAME     whose dead letters (aws: "bus" for the bus's own queue)
  --type TYPE         only events of this CloudEvents type
  --since TIME        only records dead-lettered at or after TIME (RFC 3339)
  --until TIME        only records dead-lettered before TIME (RFC 3339)
  --error TEXT        only records whose error code or message contains TEXT
  --id ID             only the record with this CloudEvents id or dead-letter message id
  --limit N           at most N records (default 50 for list, 1000 for redrive/purge)
  --rate N            redrive at most N events per second (default 10)
  --journal FILE      redrive journal (default dlq-<stack>-<consumer>.journal)
  --out FILE          purge file (default dlq-purge-<stack>-<consumer>-<time>.jsonl)
  --json              print JSON instead of text
  --yes               act (redrive, purge); without it redrive only reports what it would do
`;

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`--${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

function time(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value)
    ? Date.parse(value)
    : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--${flag} must be an RFC 3339 time like 2025-11-20T09:15:00Z or a date like 2025-11-20, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/** Parses `argv` (without node and the script). */
export function parseDlqArgs(argv: readonly string[]): DlqArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        stack: { type: "string" },
        state: { type: "string" },
        outputs: { type: "string" },
        consumer: { type: "string" },
        type: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
        error: { type: "string" },
        id: { type: "string" },
        limit: { type: "string" },
        rate: { type: "string" },
        journal: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean" },
        yes: { type: "boolean" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (command === undefined || !(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(
      `the command must be one of ${COMMANDS.join(", ")}, got ${command === undefined ? "none" : JSON.stringify(command)}`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const cmd = command as Command;
  if (v.consumer === undefined || v.consumer === "") throw new UsageError("--consumer is required");
  const files = [v.state, v.outputs].filter((f) => f !== undefined);
  if (files.length > 1) throw new UsageError("give one of --state and --outputs, not both");
  const from: OutputsSource | undefined =
    v.state !== undefined
      ? { kind: "state", file: v.state }
      : v.outputs !== undefined
        ? { kind: "outputs", file: v.outputs }
        : v.stack !== undefined
          ? { kind: "cli", stack: v.stack }
          : undefined;
  if (from === undefined) throw new UsageError("--stack, --state or --outputs is required");
  const filter: RecordFilter = {
    type: v.type,
    since: time("since", v.since),
    until: time("until", v.until),
    error: v.error,
    id: v.id,
  };
  if (cmd === "show" && v.id === undefined) throw new UsageError("show needs --id");
  if (cmd === "purge" && v.yes !== true) {
    throw new UsageError("purge deletes records for good: add --yes (and a filter)");
  }
  if (cmd === "purge" && Object.values(filter).every((f) => f === undefined)) {
    throw new UsageError("purge needs a filter: --type, --since, --until, --error or --id");
  }
  const rate = v.rate === undefined ? 10 : Number(v.rate);
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new UsageError(
      `--rate must be a positive number of events per second, got ${JSON.stringify(v.rate)}`,
    );
  }
  return {
    command: cmd,
    consumer: v.consumer,
    from,
    stack: v.stack ?? "stack",
    filter,
    limit: positiveInt("limit", v.limit, cmd === "list" || cmd === "show" ? 50 : 1000),
    json: v.json === true,
    yes: v.yes === true,
    rate,
    journal: v.journal,
    out: v.out,
  };
}
