/**
 * Structured JSON-line logger. Each line carries `timestamp`, `severity` (Cloud Logging's name)
 * and `level` (Lambda's name), `message`, then the bound and per-call fields. Errors are
 * serialised with name and message; `Secret` values print as `[redacted]`.
 */

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

/** Creates the root logger; build it once per process. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? "info"];
  const write = options.write ?? stdoutWrite;
  const now = options.now ?? (() => new Date());
  const make = (bound: LogFields): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (RANK[level] < min) return;
      const line = {
        timestamp: now().toISOString(),
        severity: SEVERITY[level],
        level,
        message,
        ...bound,
        ...fields,
      };
      write(JSON.stringify(line, replacer));
    };
    return {
      debug: (m, f) => emit("debug", m, f),
      info: (m, f) => emit("info", m, f),
      warn: (m, f) => emit("warn", m, f),
      error: (m, f) => emit("error", m, f),
      child: (fields) => make({ ...bound, ...fields }),
      isEnabled: (level) => RANK[level] >= min,
    };
  };
  return make(options.fields ?? {});
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message };
    // Classified failures are expected outcomes: their stack is noise. Anything else is a bug.
    if ("kind" in value) out.kind = value.kind;
    else if (value.stack !== undefined) out.stack = value.stack;
    if (value.cause !== undefined) out.cause = value.cause;
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}
