/**
 * Structured JSON-line logger. Each line carries `timestamp`, `severity` (Cloud Logging's name)
 * and `level` (Lambda's name), `message`, then the bound and per-call fields. Errors are
 * serialised with name and message; `Secret` values print as `[redacted]`.
 */

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Longest line written as is. Cloud Logging refuses entries over 256 KB
 * (https://cloud.google.com/logging/quotas#log-limits) and CloudWatch Logs events over 256 KB
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html); a line
 * beyond this is replaced by its message and the start of the original.
 */
export const MAX_LINE_CHARS = 16 * 1024;
const TRUNCATED_HEAD_CHARS = 8 * 1024;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SEVERITY: Record<LogLevel, string> = {
  debug: "DEBUG",
  info: "INFO",
  warn: "WARNING",
  error: "ERROR",
};

export type LogFields = Readonly<Record<string, unknown>>;

/** A logger bound to a set of fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
  isEnabled(level: LogLevel): boolean;
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** Lowest level written. Default `info`. */
  readonly level?: LogLevel;
  /** Receives each JSON line without the newline. Default: stdout. */
  readonly write?: (line: string) => void;
  /** Fields on every line (consumer name, service, …). */
  readonly fields?: LogFields;
  readonly now?: () => Date;
}

const stdoutWrite = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * Creates the root logger; build it once per process. Bound fields are serialised once, when the
 * child is made, so a line costs one small `JSON.stringify` of its own fields. (A key repeated in
 * a child or a call appears twice in the line; JSON readers keep the last, as with a spread.)
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const now = options.now;
  return new JsonLogger(
    RANK[options.level ?? "info"],
    options.write ?? stdoutWrite,
    now === undefined ? cachedIsoClock() : () => now().toISOString(),
    members(options.fields),
  );
}

/** The current time as ISO 8601, formatted once per millisecond however many lines share it. */
function cachedIsoClock(): () => string {
  let lastMs = Number.NaN;
  let last = "";
  return () => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      last = new Date(ms).toISOString();
    }
    return last;
  };
}

class JsonLogger implements Logger {
  constructor(
    private readonly min: number,
    private readonly write: (line: string) => void,
    private readonly timestamp: () => string,
    private readonly bound: string,
  ) {}

  debug(message: string, fields?: LogFields): void {
    this.emit("debug", message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.emit("info", message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.emit("warn", message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.emit("error", message, fields);
  }
  child(fields: LogFields): Logger {
    return new JsonLogger(this.min, this.write, this.timestamp, this.bound + members(fields));
  }
  isEnabled(level: LogLevel): boolean {
    return RANK[level] >= this.min;
  }

  private emit(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (RANK[level] < this.min) return;
    const head = `{"timestamp":"${this.timestamp()}","severity":"${SEVERITY[level]}","level":"${level}"`;
    const line = `${head},"message":${JSON.stringify(message)}${this.bound}${members(fields)}}`;
    if (line.length <= MAX_LINE_CHARS) {
      this.write(line);
      return;
    }
    // Cloud Logging drops an entry over 256 KB whole; keep a bounded line that says what happened.
    this.write(
      `${head},"message":${JSON.stringify(message.slice(0, 1024))},"log_truncated":true,"original_chars":${line.length},"head":${JSON.stringify(line.slice(0, TRUNCATED_HEAD_CHARS))}}`,
    );
  }
}

/** `fields` as JSON object members with a leading comma (`,"a":1,"b":2`), or "" when empty. */
function members(fields: LogFields | undefined): string {
  if (fields === undefined) return "";
  let plain: Record<string, unknown> = fields;
  for (const key in fields) {
    const value = fields[key];
    if (value instanceof Error) {
      plain = plain === fields ? { ...fields } : plain;
      plain[key] = serializeError(value);
    }
  }
  let json: string;
  try {
    json = JSON.stringify(plain);
  } catch (err) {
    // A field JSON cannot hold (a BigInt, a cycle) must not turn a log call into a failure.
    json = JSON.stringify({ log_error: `fields not serialisable: ${String(err)}` });
  }
  return json.length <= 2 ? "" : `,${json.slice(1, -1)}`;
}

function serializeError(err: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  // Classified failures are expected outcomes: their stack is noise. Anything else is a bug.
  if ("kind" in err) out.kind = err.kind;
  else if (err.stack !== undefined) out.stack = err.stack;
  if (err.cause !== undefined)
    out.cause = err.cause instanceof Error ? serializeError(err.cause) : String(err.cause);
  return out;
}
