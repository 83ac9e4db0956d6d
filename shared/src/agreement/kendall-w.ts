import type { AgreementRecord } from './agreement-record.ts';
import { averageRanks, tieGroupSizes } from './average-ranks.ts';
import { annotatorsOf, expectNumber, unitsTable } from './units-table.ts';

export interface KendallWResult {
  /** NaN with fewer than two units or annotators, or when every annotator tied every unit. */
  value: number;
  /** Units (the ranked objects) that every annotator rated. */
  units: number;
  annotators: number;
  correctedForTies: boolean;
  /** Friedman's statistic m (n - 1) W, chi-square with n - 1 degrees of freedom for large n. */
  chiSquare: number;
  degreesOfFreedom: number;
}

/**
 * Kendall's coefficient of concordance W (Kendall & Babington Smith 1939; Kendall 1948, "Rank correlation methods").
 * Units are the ranked objects; each annotator's values (scores or rank numbers, higher or lower: only the order
 * within an annotator matters) become ranks over the units, ties averaged. With m annotators and n units,
 *   R_i = sum of unit i's ranks,  S = sum_i (R_i - mean R)^2,
 *   W = 12 S / (m^2 (n^3 - n) - m sum_j T_j),  T_j = sum over annotator j's tie groups of (t^3 - t),
 * the tie-corrected form, as R irr's kendall(ratings, correct = TRUE); without correction the T term is left out.
 * Like irr, units missing any annotator's value are dropped (listwise deletion) since W needs a complete table.
 */
export function kendallW(records: readonly AgreementRecord[], options: { correctTies?: boolean } = {}): KendallWResult {
  const correctTies = options.correctTies ?? true;
  const table = unitsTable(records);
  const annotators = annotatorsOf(table);
  const m = annotators.length;
  const complete = table.filter((u) => u.ratings.length === m);
  const n = complete.length;

  const rankSums = new Array<number>(n).fill(0);
  let tieTerm = 0;
  for (const annotator of annotators) {
    const values = complete.map(({ unit, ratings }) => {
      const rating = ratings.find((r) => r.annotator === annotator) as { value: AgreementRecord['value'] };
      return expectNumber("Kendall's W", unit, annotator, rating.value);
    });
    averageRanks(values).forEach((rank, i) => {
      rankSums[i] = (rankSums[i] as number) + rank;
    });
    tieTerm += tieGroupSizes(values).reduce((sum, t) => sum + t ** 3 - t, 0);
  }
  const meanRankSum = (m * (n + 1)) / 2;
  const s = rankSums.reduce((sum, r) => sum + (r - meanRankSum) ** 2, 0);
  const denominator = m * m * (n ** 3 - n) - (correctTies ? m * tieTerm : 0);
  const value = m >= 2 && n >= 2 && denominator > 0 ? (12 * s) / denominator : Number.NaN;
  return {
    value,
    units: n,
    annotators: m,
    correctedForTies: correctTies,
    chiSquare: m * (n - 1) * value,
    degreesOfFreedom: n - 1,
  };
}
