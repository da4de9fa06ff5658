/**
 * A progress line on a terminal's stderr (`[#####.....] 50/100 redriven, 2 failed`); nothing when
 * stderr is not a terminal, so piped output stays clean.
 */

/** Reports counts as a run goes. */
export interface Progress {
  update(done: number, failed: number): void;
  end(): void;
}

const WIDTH = 30;

/** The progress line for `done` of `total` (total unknown: a count only). */
export function progressLine(done: number, failed: number, total: number | undefined): string {
  const tail = `${done}${total === undefined ? "" : `/${total}`} redriven, ${failed} failed`;
  if (total === undefined || total === 0) return tail;
  const filled = Math.min(WIDTH, Math.round((done / total) * WIDTH));
  return `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${tail}`;
}

/** A progress line on `stream` when it is a TTY. */
export function terminalProgress(stream: NodeJS.WriteStream, total: number | undefined): Progress {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  return {
    update: (done, failed) => stream.write(`\r${progressLine(done, failed, total)}`),
    end: () => stream.write("\n"),
  };
}
