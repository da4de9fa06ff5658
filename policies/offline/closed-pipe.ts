/**
 * A report piped into a reader that stops early (`check --json | head -1`) ends the command
 * quietly, with status 0. Node ignores SIGPIPE (https://nodejs.org/api/process.html#signal-events),
 * so a write to a closed pipe fails with EPIPE as an `error` event on the stream; with no listener,
 * Node would print a stack trace and exit 1.
 */

/** On EPIPE, stops writing and exits 0; any other stream error stays fatal. */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}
