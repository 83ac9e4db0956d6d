import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord } from './agreement-record.ts';
import { categoryCodes, indexRecords, unitRuns } from './record-index.ts';
import type { Category } from './units-table.ts';

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
  const index = indexRecords(records);
  const runs = unitRuns(index);
  const { categories, codes } = categoryCodes(records, index, runs.positions, ({ unit, annotator, value }) => {
    if (Array.isArray(value))
      throw agreementErrors.wrongValueType("Fleiss' kappa", 'number or string', unit, annotator);
    return value;
  });
  const size = categories.length;
  const unitCount = runs.start.length - 1;
  const totalRatings = codes.length;
  const counts = new Int32Array(size);
  const present: number[] = [];
  const categoryTotals = new Float64Array(size);
  // sum_i n_ij (n_i - n_ij) / (n_i - 1), per category: the numerator of kappa_j's disagreement.
  const categoryDisagreement = new Float64Array(size);
  // Agreeing pairs summed as integers per unit size n and divided once: exact whatever the order of the units.
  const agreeingPairsBySize: number[] = [];
  for (let u = 0; u < unitCount; u++) {
    const from = runs.start[u] as number;
    const to = runs.start[u + 1] as number;
    const n = to - from;
    present.length = 0;
    for (let i = from; i < to; i++) {
      const j = codes[i] as number;
      if (counts[j] === 0) present.push(j);
      counts[j] = (counts[j] as number) + 1;
    }
    let pairs = 0;
    for (const j of present) {
      const nij = counts[j] as number;
      pairs += nij * (nij - 1);
      categoryTotals[j] = (categoryTotals[j] as number) + nij;
      categoryDisagreement[j] = (categoryDisagreement[j] as number) + (nij * (n - nij)) / (n - 1);
      counts[j] = 0;
    }
    agreeingPairsBySize[n] = (agreeingPairsBySize[n] ?? 0) + pairs;
  }
  let agreementSum = 0;
  agreeingPairsBySize.forEach((pairs, n) => {
    if (pairs !== undefined) agreementSum += pairs / (n * (n - 1));
  });
  const observedAgreement = unitCount > 0 ? agreementSum / unitCount : Number.NaN;
  const proportions = Array.from(categoryTotals, (total) => total / totalRatings);
  const chanceAgreement = proportions.reduce((sum, p) => sum + p * p, 0);

  const perCategory = categories.map((category, j) => {
    const p = proportions[j] as number;
    const disagreement = categoryDisagreement[j] as number;
    const kappa = p > 0 && p < 1 ? 1 - disagreement / (totalRatings * p * (1 - p)) : Number.NaN;
    return { category, proportion: p, kappa };
  });

  return {
    value: chanceAgreement < 1 ? (observedAgreement - chanceAgreement) / (1 - chanceAgreement) : Number.NaN,
    units: unitCount,
    annotators: runs.annotators,
    observedAgreement,
    chanceAgreement,
    perCategory,
  };
}
