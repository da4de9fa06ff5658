/**
 * The bench's own decisions, pure so they are tested: which sections a command line names (an
 * unknown name is refused, not silently ignored), whether the run met every target, and how
 * repeated warnings are summarised.
 */
import type { BenchRow } from "./harness";

/** A command line named something that is not a section. */
export class UnknownSectionError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      `unknown bench section${unknown.length === 1 ? "" : "s"} ${unknown.map((u) => JSON.stringify(u)).join(", ")}; sections: ${known.join(", ")}`,
    );
    this.name = "UnknownSectionError";
  }
}

/** The section name of a `<name>.bench.ts` file. */
export const sectionOf = (file: string): string => file.replace(/\.bench\.ts$/, "");

/**
 * The files to run: every section when `args` is empty, else exactly the named ones (in file
 * order). A name must be a whole section name; anything else is refused.
 */
export function selectSections(files: readonly string[], args: readonly string[]): string[] {
  const sections = files.filter((f) => f.endsWith(".bench.ts")).sort();
  const known = sections.map(sectionOf);
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) throw new UnknownSectionError(unknown, known);
  return args.length === 0 ? sections : sections.filter((f) => args.includes(sectionOf(f)));
}

/** Exit status of a run: 1 when any figure missed its target (or nothing was measured). */
export function exitCodeFor(rows: readonly BenchRow[]): number {
  if (rows.length === 0) return 1;
  return rows.some((r) => r.met === false) ? 1 : 0;
}

/** Counts each distinct warning once, for one summary line per message at the end of a run. */
export class WarningTally {
  private readonly counts = new Map<string, number>();

  add(message: string): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }

  /** `warning (×N): message`, one line per distinct message, in first-seen order. */
  lines(): string[] {
    return [...this.counts].map(([m, n]) => (n === 1 ? m : `${m} (×${n})`));
  }
}
