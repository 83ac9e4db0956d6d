/** Latency recorder: percentiles by sorting (a run records at most a few hundred thousand samples). */
export class Latencies {
  private samples: number[] = [];
  add(ms: number) {
    this.samples.push(ms);
  }
  get count() {
    return this.samples.length;
  }
  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
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
