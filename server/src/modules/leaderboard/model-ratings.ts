import { mulberry32, quantile } from '@feedbench/shared';
import { type BradleyTerryFit, type ComparisonRows, fitBradleyTerry } from './bradley-terry.ts';
import type { ComparisonSet } from './comparisons.ts';

export interface RatingOptions {
  lengthControlled: boolean;
  bootstrap: { replicates: number; seed: number; confidence: number };
  prior?: number;
}

export interface ModelRatings {
  fit: BradleyTerryFit;
  /** Percentile interval per model on the strength scale; null without bootstrap. */
  intervals: ([number, number] | null)[];
  lengthInterval: [number, number] | null;
  wins: Int32Array;
  losses: Int32Array;
  ties: Int32Array;
  /** pairCounts[i * models + j]: comparisons of i with j (symmetric); pairScores: what i scored of them. */
  pairCounts: Float64Array;
  pairScores: Float64Array;
}

/**
 * Rows for the fit, each comparison weighted by how often its item was drawn (`weights`, per cluster; null: once).
 * Without the length covariate, comparisons of one ordered pair of models are summed into one row (the likelihood only
 * depends on the totals), so a fit costs O(models^2) per Newton step however many comparisons there are.
 */
export function comparisonRows(
  set: ComparisonSet,
  lengthControlled: boolean,
  weights: Int32Array | null,
): ComparisonRows {
  const models = set.models.length;
  const clusters = set.clusterStart.length - 1;
  if (!lengthControlled) {
    const n = new Float64Array(models * models);
    const s = new Float64Array(models * models);
    for (let k = 0; k < clusters; k++) {
      const w = weights ? (weights[k] as number) : 1;
      if (w === 0) continue;
      for (let c = set.clusterStart[k] as number; c < (set.clusterStart[k + 1] as number); c++) {
        const cell = (set.a[c] as number) * models + (set.b[c] as number);
        n[cell] = (n[cell] as number) + w;
        s[cell] = (s[cell] as number) + w * (set.score[c] as number);
      }
    }
    const cells: number[] = [];
    n.forEach((count, cell) => {
      if (count > 0) cells.push(cell);
    });
    return {
      length: cells.length,
      a: Int32Array.from(cells, (cell) => Math.floor(cell / models)),
      b: Int32Array.from(cells, (cell) => cell % models),
      n: Float64Array.from(cells, (cell) => n[cell] as number),
      s: Float64Array.from(cells, (cell) => s[cell] as number),
      delta: null,
    };
  }
  if (!weights) {
    return {
      length: set.a.length,
      a: set.a,
      b: set.b,
      n: new Float64Array(set.a.length).fill(1),
      s: set.score,
      delta: set.delta,
    };
  }
  let length = 0;
  for (let k = 0; k < clusters; k++) {
    if ((weights[k] as number) > 0) length += (set.clusterStart[k + 1] as number) - (set.clusterStart[k] as number);
  }
  const rows: ComparisonRows = {
    length,
    a: new Int32Array(length),
    b: new Int32Array(length),
    n: new Float64Array(length),
    s: new Float64Array(length),
    delta: new Float64Array(length),
  };
  let r = 0;
  for (let k = 0; k < clusters; k++) {
    const w = weights[k] as number;
    if (w === 0) continue;
    for (let c = set.clusterStart[k] as number; c < (set.clusterStart[k + 1] as number); c++, r++) {
      rows.a[r] = set.a[c] as number;
      rows.b[r] = set.b[c] as number;
      rows.n[r] = w;
      rows.s[r] = w * (set.score[c] as number);
      (rows.delta as Float64Array)[r] = set.delta[c] as number;
    }
  }
  return rows;
}

/**
 * Fits the ratings, then the percentile bootstrap (Efron & Tibshirani 1993, chapter 13) over items: each replicate
 * draws as many items as there are, uniformly with replacement, keeps every comparison of a drawn item (an item's
 * comparisons are not independent: one ranking induces several, and its annotators saw the same outputs), and refits
 * from the full fit's strengths. Seeded (mulberry32), so the same data and seed give the same intervals.
 */
export function rateModels(set: ComparisonSet, options: RatingOptions): ModelRatings {
  const models = set.models.length;
  const fit = fitBradleyTerry(comparisonRows(set, options.lengthControlled, null), models, { prior: options.prior });
  const { replicates, seed, confidence } = options.bootstrap;
  const clusters = set.clusterStart.length - 1;
  let intervals: ([number, number] | null)[] = set.models.map(() => null);
  let lengthInterval: [number, number] | null = null;
  if (replicates > 0 && clusters > 0) {
    const random = mulberry32(seed);
    const samples = set.models.map(() => new Float64Array(replicates));
    const betas = new Float64Array(replicates);
    const draws = new Int32Array(clusters);
    for (let r = 0; r < replicates; r++) {
      draws.fill(0);
      for (let d = 0; d < clusters; d++) {
        const k = Math.floor(random() * clusters);
        draws[k] = (draws[k] as number) + 1;
      }
      const refit = fitBradleyTerry(comparisonRows(set, options.lengthControlled, draws), models, {
        prior: options.prior,
        start: fit,
      });
      samples.forEach((sample, i) => {
        sample[r] = refit.strengths[i] as number;
      });
      betas[r] = refit.lengthCoefficient ?? 0;
    }
    const interval = (values: Float64Array): [number, number] => {
      const sorted = [...values].sort((x, y) => x - y);
      return [quantile(sorted, (1 - confidence) / 2), quantile(sorted, (1 + confidence) / 2)];
    };
    intervals = samples.map(interval);
    if (options.lengthControlled) lengthInterval = interval(betas);
  }
  const wins = new Int32Array(models);
  const losses = new Int32Array(models);
  const ties = new Int32Array(models);
  const pairCounts = new Float64Array(models * models);
  const pairScores = new Float64Array(models * models);
  for (let c = 0; c < set.a.length; c++) {
    const i = set.a[c] as number;
    const j = set.b[c] as number;
    const score = set.score[c] as number;
    if (score === 1) {
      wins[i] = (wins[i] as number) + 1;
      losses[j] = (losses[j] as number) + 1;
    } else if (score === 0) {
      wins[j] = (wins[j] as number) + 1;
      losses[i] = (losses[i] as number) + 1;
    } else {
      ties[i] = (ties[i] as number) + 1;
      ties[j] = (ties[j] as number) + 1;
    }
    pairCounts[i * models + j] = (pairCounts[i * models + j] as number) + 1;
    pairCounts[j * models + i] = (pairCounts[j * models + i] as number) + 1;
    pairScores[i * models + j] = (pairScores[i * models + j] as number) + score;
    pairScores[j * models + i] = (pairScores[j * models + i] as number) + 1 - score;
  }
  return { fit, intervals, lengthInterval, wins, losses, ties, pairCounts, pairScores };
}
