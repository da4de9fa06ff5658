/**
 * Benchmark plumbing: each section measures a subject beside a baseline in the same run and
 * reports ratios, never absolute pass/fail timings.
 */
import { performance } from "node:perf_hooks";

/** One benchmark figure. */
export interface BenchRow {
  /** Section, e.g. "consumer", "plan", "policies". */
  readonly section: string;
  readonly name: string;
  /** The measured value in `unit`. */
  readonly value: number;
  readonly unit: string;
  /** Baseline measured in the same run, if any. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** Target the figure is judged against, stated as text (e.g. "≥ 50% of baseline"). */
  readonly target?: string;
  /** Whether the target was met; undefined when there is no target. */
  readonly met?: boolean;
}

/** A section exports `run` returning its rows. */
export type BenchSection = () => Promise<BenchRow[]>;

/** Median wall time of `fn` over `runs` runs, in milliseconds. */
export async function medianMs(
  fn: () => Promise<unknown> | unknown,
  runs: number,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** The item in the middle when sorted by `key` (the upper one of an even count). */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((x, y) => key(x) - key(y));
  const median = sorted[Math.floor(sorted.length / 2)];
  if (median === undefined) throw new Error("nothing measured to take the median of");
  return median;
}

/** Renders rows as an aligned table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ["section", "figure", "value", "baseline", "ratio", "target", "met"];
  const body = rows.map((r) => [
    r.section,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : "",
    r.baseline && r.baseline.value !== 0 ? `${fmt(r.value / r.baseline.value)}x` : "",
    r.target ?? "",
    r.met === undefined ? "" : r.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}
