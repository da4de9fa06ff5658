/** Captures the app's JSON log lines for assertions. */
import { createLogger, type Logger, type LogLevel } from "../../../app/core/logger";

export interface CapturedLogs {
  readonly logger: Logger;
  /** Every line, parsed. */
  readonly lines: Record<string, unknown>[];
  /** Every line, raw. */
  readonly raw: string[];
  /** Lines whose `message` matches. */
  find(message: string | RegExp): Record<string, unknown>[];
}

export function captureLogs(level: LogLevel = "debug"): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger({
    level,
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return {
    logger,
    lines,
    raw,
    find: (message) =>
      lines.filter((l) =>
        typeof message === "string" ? l.message === message : message.test(String(l.message)),
      ),
  };
}
