/**
 * Per-instance counters (processed / duplicate / ignored / failed) and processing latency. The
 * container reports them on `/healthz` and at shutdown; the Lambda emits CloudWatch EMF lines.
 */

/** How one event ended. */
export type Outcome = "processed" | "duplicate" | "ignored" | "failed";

/** A point-in-time copy of the metrics. */
export interface MetricsSnapshot {
  readonly processed: number;
  readonly duplicate: number;
  readonly ignored: number;
  readonly failed: number;
  readonly latency_ms: {
    readonly count: number;
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
}

const WINDOW = 1024;

/** Counters plus a sliding window of the last 1024 latencies for percentiles. */
export class Metrics {
  readonly #counts: Record<Outcome, number> = { processed: 0, duplicate: 0, ignored: 0, failed: 0 };
  readonly #window = new Float64Array(WINDOW);
  #count = 0;
  #sum = 0;
  #max = 0;

  record(outcome: Outcome, latencyMs: number): void {
    this.#counts[outcome] += 1;
    this.#window[this.#count % WINDOW] = latencyMs;
    this.#count += 1;
    this.#sum += latencyMs;
    if (latencyMs > this.#max) this.#max = latencyMs;
  }

  snapshot(): MetricsSnapshot {
    const n = Math.min(this.#count, WINDOW);
    const sorted = Array.from(this.#window.subarray(0, n)).sort((a, b) => a - b);
    const pick = (q: number): number =>
      n === 0 ? 0 : round(sorted[Math.min(n - 1, Math.ceil(q * n) - 1)] ?? 0);
    return {
      ...this.#counts,
      latency_ms: {
        count: this.#count,
        mean: this.#count === 0 ? 0 : round(this.#sum / this.#count),
        p50: pick(0.5),
        p99: pick(0.99),
        max: round(this.#max),
      },
    };
  }
}

/** Milliseconds rounded to microseconds, for logs. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
