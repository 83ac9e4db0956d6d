import type { MeasurementLevel } from './agreement-record.ts';
import { coincidencesOf } from './coincidence-matrix.ts';
import { alphaFromCoincidences } from './krippendorff-alpha.ts';
import { codeCategories } from './record-index.ts';
import type { Category } from './units-table.ts';

/**
 * Statistics scored from how many times each cluster (an item) was drawn, for `bootstrapClusters` and for any
 * subset of items (all ones: the whole project; an indicator: one day's items). Each is a sum of per-cluster
 * pieces, computed once, so a replicate costs one pass over the clusters instead of a pass over the annotations.
 */
export type DrawnStatistic = (draws: Float64Array) => number;

/** Mean of the per-cluster values, each counted as often as drawn; NaN values (nothing to measure) are left out. */
export function drawnMean(values: ArrayLike<number>): DrawnStatistic {
  return (draws) => {
    let sum = 0;
    let weight = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number;
      const w = draws[i] as number;
      if (w === 0 || Number.isNaN(value)) continue;
      sum += w * value;
      weight += w;
    }
    return weight > 0 ? sum / weight : Number.NaN;
  };
}

/** Per-cluster coincidence matrices (Krippendorff 2011) over one shared list of categories. */
export interface ClusterCoincidences {
  categories: Category[];
  /** Cluster i's o_ck at [i * size^2 + c * size + k], size = categories.length. */
  matrices: Float64Array;
}

/** Clusters of units, each unit its values; units with fewer than two values drop out as usual. */
export function clusterCoincidences(clusters: readonly (readonly (readonly Category[])[])[]): ClusterCoincidences {
  const flat = clusters.flatMap((units) => units.filter((values) => values.length >= 2).flat());
  const { categories, codes } = codeCategories(flat.length, (i) => flat[i] as Category);
  const size = categories.length;
  const matrices = new Float64Array(clusters.length * size * size);
  let at = 0;
  clusters.forEach((units, cluster) => {
    const pairable = units.filter((values) => values.length >= 2);
    const start = new Int32Array(pairable.length + 1);
    pairable.forEach((values, u) => {
      start[u + 1] = (start[u] as number) + values.length;
    });
    const clusterCodes = codes.subarray(at, at + (start[pairable.length] as number));
    at += clusterCodes.length;
    matrices.set(coincidencesOf({ categories, start, codes: clusterCodes }).coincidences, cluster * size * size);
  });
  return { categories, matrices };
}

/**
 * Krippendorff's alpha of the drawn clusters: their coincidence matrices add up to the resample's. An item touches a
 * few cells only, so each cluster's non-zero cells are listed once and a replicate adds just those.
 */
export function drawnAlpha(coincidences: ClusterCoincidences, level: MeasurementLevel): DrawnStatistic {
  if (level === 'interval') return drawnIntervalAlpha(coincidences);
  const { categories, matrices } = coincidences;
  const size = categories.length;
  const cells = size * size;
  const clusters = cells > 0 ? matrices.length / cells : 0;
  // Coincidence matrices are symmetric (o_ck = o_kc): keep the cells with c <= k and mirror them per replicate.
  const start = new Int32Array(clusters + 1);
  const cell: number[] = [];
  const amount: number[] = [];
  for (let i = 0; i < clusters; i++) {
    for (let c = 0; c < size; c++) {
      for (let k = c; k < size; k++) {
        const o = matrices[i * cells + c * size + k] as number;
        if (o === 0) continue;
        cell.push(c * size + k);
        amount.push(o);
      }
    }
    start[i + 1] = cell.length;
  }
  const cellOf = Int32Array.from(cell);
  const amountOf = Float64Array.from(amount);
  const total = new Float64Array(cells);
  return (draws) => {
    total.fill(0);
    for (let i = 0; i < clusters; i++) {
      const w = draws[i] as number;
      if (w === 0) continue;
      for (let j = start[i] as number; j < (start[i + 1] as number); j++) {
        const at = cellOf[j] as number;
        total[at] = (total[at] as number) + w * (amountOf[j] as number);
      }
    }
    for (let c = 0; c < size; c++) {
      for (let k = c + 1; k < size; k++) total[k * size + c] = total[c * size + k] as number;
    }
    return alphaFromCoincidences(categories, total, level).value;
  };
}

/**
 * Interval alpha needs four sums per cluster (Krippendorff 2011, interval delta^2 = (c - k)^2): the observed
 * sum_ck o_ck (c - k)^2, and n, sum v, sum v^2 over its pairable values, since
 * sum_ck n_c n_k (c - k)^2 = 2 (n sum v^2 - (sum v)^2).
 */
function drawnIntervalAlpha({ categories, matrices }: ClusterCoincidences): DrawnStatistic {
  const size = categories.length;
  const cells = size * size;
  const values = categories as number[];
  const clusters = cells > 0 ? matrices.length / cells : 0;
  const sums = new Float64Array(clusters * 4);
  for (let i = 0; i < clusters; i++) {
    for (let c = 0; c < size; c++) {
      const v = values[c] as number;
      for (let k = 0; k < size; k++) {
        const o = matrices[i * cells + c * size + k] as number;
        if (o === 0) continue;
        sums[i * 4] = (sums[i * 4] as number) + o * (v - (values[k] as number)) ** 2;
        sums[i * 4 + 1] = (sums[i * 4 + 1] as number) + o;
        sums[i * 4 + 2] = (sums[i * 4 + 2] as number) + o * v;
        sums[i * 4 + 3] = (sums[i * 4 + 3] as number) + o * v * v;
      }
    }
  }
  return (draws) => {
    let observed = 0;
    let n = 0;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < clusters; i++) {
      const w = draws[i] as number;
      if (w === 0) continue;
      observed += w * (sums[i * 4] as number);
      n += w * (sums[i * 4 + 1] as number);
      sum += w * (sums[i * 4 + 2] as number);
      squares += w * (sums[i * 4 + 3] as number);
    }
    const spread = squares - (sum * sum) / n;
    // No spread means a single value: nothing to explain (NaN), also through floating-point noise.
    if (!(n > 1) || !(spread > 1e-12 * squares)) return Number.NaN;
    return 1 - observed / n / ((2 * spread) / (n - 1));
  };
}
