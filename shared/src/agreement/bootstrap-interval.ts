import { AgreementInputError, agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord } from './agreement-record.ts';
import { mulberry32 } from './mulberry32.ts';
import { unitsTable } from './units-table.ts';

export interface BootstrapOptions {
  /** Number of resamples; 1000 or more for a 95% interval. */
  replicates: number;
  /** Any integer; the same seed and records give the same interval. */
  seed: number;
  /** Default 0.95. */
  confidence?: number;
}

export interface BootstrapInterval {
  /** [NaN, NaN] when no resample gave a defined statistic. */
  ci: [number, number];
  replicates: number;
  seed: number;
  confidence: number;
  /** Resamples where the statistic was undefined (NaN) or the resample was unusable (e.g. one annotator left). */
  undefinedReplicates: number;
}

/**
 * Percentile bootstrap interval (Efron & Tibshirani 1993, "An Introduction to the Bootstrap", chapter 13): resample
 * whole units with replacement, recompute the statistic, take the (1 - c)/2 and (1 + c)/2 quantiles of the
 * replicates. Units, not single ratings, are resampled because ratings of one unit are not independent (for
 * rankings the unit is the item, so all its output pairs move together). A unit drawn twice enters as two units.
 */
export function bootstrapInterval(
  records: readonly AgreementRecord[],
  statistic: (records: AgreementRecord[]) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const { replicates, seed, confidence } = checkedOptions(options);
  const units = unitsTable(records);
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const resample: AgreementRecord[] = [];
    for (let draw = 0; draw < units.length; draw++) {
      const { unit, ratings } = units[Math.floor(random() * units.length)] as (typeof units)[number];
      // A distinct name per draw keeps a unit drawn twice from colliding with itself.
      const name = `${unit}\u0000${draw}`;
      for (const { annotator, value } of ratings) resample.push({ unit: name, annotator, value });
    }
    const value = statisticOrNaN(statistic, resample);
    if (!Number.isNaN(value)) values.push(value);
  }
  return percentileInterval(values, { replicates, seed, confidence });
}

/**
 * The same percentile bootstrap when the statistic can be scored from how many times each cluster (unit, item) was
 * drawn: `statistic(draws)` gets draws[i] = times cluster i is in the resample. The draws match `bootstrapInterval`
 * exactly (one uniform pick per cluster, per replicate, from the same mulberry32 stream), so with clusters listed in
 * unit-id order both give the same interval; scoring from per-cluster sums is what makes 500 replicates cheap.
 */
export function bootstrapClusters(
  clusters: number,
  statistic: (draws: Float64Array) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  return bootstrapClusterStatistics(clusters, [statistic], options)[0] as BootstrapInterval;
}

/** `bootstrapClusters` for several statistics of the same clusters, scored on the same resamples. */
export function bootstrapClusterStatistics(
  clusters: number,
  statistics: readonly ((draws: Float64Array) => number)[],
  options: BootstrapOptions,
): BootstrapInterval[] {
  const { replicates, seed, confidence } = checkedOptions(options);
  const random = mulberry32(seed);
  const draws = new Float64Array(clusters);
  const values: number[][] = statistics.map(() => []);
  for (let r = 0; r < replicates; r++) {
    draws.fill(0);
    for (let draw = 0; draw < clusters; draw++) {
      const cluster = Math.floor(random() * clusters);
      draws[cluster] = (draws[cluster] as number) + 1;
    }
    statistics.forEach((statistic, s) => {
      const value = statistic(draws);
      if (!Number.isNaN(value)) values[s]?.push(value);
    });
  }
  return values.map((replicateValues) => percentileInterval(replicateValues, { replicates, seed, confidence }));
}

function checkedOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const confidence = options.confidence ?? 0.95;
  const { replicates, seed } = options;
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw agreementErrors.invalidOption(`bootstrap replicates must be a positive integer, got ${replicates}`);
  }
  if (!Number.isInteger(seed)) throw agreementErrors.invalidOption(`bootstrap seed must be an integer, got ${seed}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw agreementErrors.invalidOption(`bootstrap confidence must be between 0 and 1, got ${confidence}`);
  }
  return { replicates, seed, confidence };
}

function percentileInterval(values: number[], options: Required<BootstrapOptions>): BootstrapInterval {
  values.sort((a, b) => a - b);
  const tail = (1 - options.confidence) / 2;
  return {
    ci: [quantile(values, tail), quantile(values, 1 - tail)],
    ...options,
    undefinedReplicates: options.replicates - values.length,
  };
}

/** A resample can lose what a metric needs (the second annotator, any variation): that replicate is undefined. */
function statisticOrNaN(statistic: (records: AgreementRecord[]) => number, records: AgreementRecord[]): number {
  try {
    return statistic(records);
  } catch (error) {
    if (error instanceof AgreementInputError) return Number.NaN;
    throw error;
  }
}

/** Linear interpolation between order statistics: R's quantile type 7, numpy's default. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const lower = sorted[low] as number;
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] as number;
  return lower + (h - low) * (upper - lower);
}
