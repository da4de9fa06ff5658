/**
 * Log output for a busy server: lines written in the same event-loop turn are joined into one
 * stdout write (one syscall instead of one per line), flushed on the next turn and on exit.
 * The Lambda keeps the default synchronous write, since the runtime may freeze the process as
 * soon as the handler returns.
 */

/** A line sink plus an explicit flush. */
export interface LogSink {
  write(line: string): void;
  flush(): void;
}

/** Buffers lines per event-loop turn; registers an exit hook so nothing is lost on `process.exit`. */
export function batchedStdout(out: { write(chunk: string): unknown } = process.stdout): LogSink {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = `${pending.join("\n")}\n`;
    pending = [];
    out.write(chunk);
  };
  process.on("exit", flush);
  return {
    write(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
