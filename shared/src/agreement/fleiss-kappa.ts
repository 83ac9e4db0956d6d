import type { AgreementRecord } from './agreement-record.ts';
import {
  annotatorsOf,
  type Category,
  categoryKey,
  distinctCategories,
  expectCategory,
  unitsTable,
} from './units-table.ts';

export interface FleissKappaResult {
  /** NaN when chance agreement is 1 (every rating in one category). */
  value: number;
  /** Units with at least two ratings. */
  units: number;
  annotators: number;
  /** P-bar: mean share of agreeing rater pairs per unit. */
  observedAgreement: number;
  /** P-bar_e = sum_j p_j^2. */
  chanceAgreement: number;
  perCategory: { category: Category; proportion: number; kappa: number }[];
}

/**
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5)):
 *   P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1)),  P-bar = mean_i P_i,
 *   p_j = sum_i n_ij / sum_i n_i,                   P-bar_e = sum_j p_j^2,
 *   kappa = (P-bar - P-bar_e) / (1 - P-bar_e),
 * and per category kappa_j = 1 - sum_i n_ij (n_i - n_ij) / (n_i - 1) / (sum_i n_i * p_j * q_j).
 * Fleiss assumes every unit has the same number of ratings n; we use each unit's own n_i so a missing rating does not
 * throw the unit away (our extension: with equal n_i it is exactly Fleiss' formula). Units with fewer than two
 * ratings drop out. The raters need not be the same people from unit to unit, which suits crowd annotation.
 */
export function fleissKappa(records: readonly AgreementRecord[]): FleissKappaResult {
  const units = unitsTable(records).filter((u) => u.ratings.length >= 2);
  const unitValues = units.map(({ unit, ratings }) =>
    ratings.map(({ annotator, value }) => expectCategory("Fleiss' kappa", unit, annotator, value)),
  );
  const categories = distinctCategories(unitValues.flat());
  const index = new Map(categories.map((c, j) => [categoryKey(c), j]));
  const counts = unitValues.map((values) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const value of values) {
      const j = index.get(categoryKey(value)) as number;
      row[j] = (row[j] as number) + 1;
    }
    return row;
  });
  const totalRatings = unitValues.reduce((sum, values) => sum + values.length, 0);

  let agreementSum = 0;
  counts.forEach((row, i) => {
    const n = (unitValues[i] as Category[]).length;
    agreementSum += row.reduce((sum, nij) => sum + nij * (nij - 1), 0) / (n * (n - 1));
  });
  const observedAgreement = units.length > 0 ? agreementSum / units.length : Number.NaN;
  const proportions = categories.map((_, j) => counts.reduce((sum, row) => sum + (row[j] as number), 0) / totalRatings);
  const chanceAgreement = proportions.reduce((sum, p) => sum + p * p, 0);

  const perCategory = categories.map((category, j) => {
    const p = proportions[j] as number;
    let disagreement = 0;
    counts.forEach((row, i) => {
      const n = (unitValues[i] as Category[]).length;
      const nij = row[j] as number;
      disagreement += (nij * (n - nij)) / (n - 1);
    });
    const kappa = p > 0 && p < 1 ? 1 - disagreement / (totalRatings * p * (1 - p)) : Number.NaN;
    return { category, proportion: p, kappa };
  });

  return {
    value: chanceAgreement < 1 ? (observedAgreement - chanceAgreement) / (1 - chanceAgreement) : Number.NaN,
    units: units.length,
    annotators: annotatorsOf(units).length,
    observedAgreement,
    chanceAgreement,
    perCategory,
  };
}
