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

/** Krippendorff's alpha of the drawn clusters: their coincidence matrices add up to the resample's. */
export function drawnAlpha({ categories, matrices }: ClusterCoincidences, level: MeasurementLevel): DrawnStatistic {
  const cells = categories.length * categories.length;
  const total = new Float64Array(cells);
  return (draws) => {
    total.fill(0);
    for (let i = 0; i < draws.length; i++) {
      const w = draws[i] as number;
      if (w === 0) continue;
      const offset = i * cells;
      for (let cell = 0; cell < cells; cell++) {
        total[cell] = (total[cell] as number) + w * (matrices[offset + cell] as number);
      }
    }
    return alphaFromCoincidences(categories, total, level).value;
  };
}
