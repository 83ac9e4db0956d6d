/** A stretch of the run, in performance.now() milliseconds. */
export interface Window {
  label: string;
  from: number;
  to: number;
}

/**
 * Latency recorder: each sample keeps when its request started, so a run can be summarized as a whole and without
 * the requests that overlapped a fault window. Percentiles by sorting (a run records a few hundred thousand at most).
 */
export class Latencies {
  private samples: { at: number; ms: number }[] = [];
  /** `ms` measured from `at` (default: the request ended now). */
  add(ms: number, at = performance.now() - ms) {
    this.samples.push({ at, ms });
  }
  get count() {
    return this.samples.length;
  }
  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = this.samples.map((s) => s.ms).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  }
  /** The samples whose request did not overlap any of the windows (started before one ended and ended after it began). */
  outside(windows: Window[]): Latencies {
    const kept = new Latencies();
    for (const s of this.samples) {
      if (!windows.some((w) => s.at <= w.to && s.at + s.ms >= w.from)) kept.add(s.ms, s.at);
    }
    return kept;
  }
  /** Every sample, in the order recorded. */
  dump(): readonly { at: number; ms: number }[] {
    return this.samples;
  }
  summary() {
    const f = (v: number) => v.toFixed(1);
    return `n=${this.count} p50=${f(this.percentile(50))}ms p95=${f(this.percentile(95))}ms p99=${f(this.percentile(99))}ms`;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32) so a run's choices (abandon, reload, retry) are reproducible. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
