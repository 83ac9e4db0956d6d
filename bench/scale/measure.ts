/** One measured duration, in milliseconds. */
export type Sample = number;

/** Runs `fn` and answers how long it took with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<[Sample, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

/** Nearest-rank percentile (Hyndman & Fan 1996, definition 1). */
export function percentile(samples: Sample[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export const median = (samples: Sample[]) => percentile(samples, 50);
