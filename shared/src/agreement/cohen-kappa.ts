import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord, KappaWeights } from './agreement-record.ts';
import { alignTwoAnnotators, categoryCodes } from './record-index.ts';
import type { Category } from './units-table.ts';

export interface CohenKappaResult {
  /** NaN when expected disagreement is 0 (both annotators used one and the same category throughout). */
  value: number;
  /** Units both annotators rated. */
  units: number;
  annotators: 2;
  weights: KappaWeights | 'none';
  /** The observed categories in the order the weights use. */
  categories: Category[];
  /** sum w_ij O_ij / N: for unweighted kappa, 1 - observed agreement. */
  observedDisagreement: number;
  /** sum w_ij E_ij / N: for unweighted kappa, 1 - chance agreement. */
  expectedDisagreement: number;
}

/**
 * Cohen's kappa for exactly two annotators over the units both rated (Cohen 1960, "A coefficient of agreement for
 * nominal scales"; weights: Cohen 1968, "Weighted kappa", Psychological Bulletin 70(4)):
 *   kappa = 1 - sum_ij w_ij O_ij / sum_ij w_ij E_ij,  E_ij = row_i * col_j / N,
 * with w_ij = 0 on the diagonal and 1 off it (unweighted), |i - j| (linear) or (i - j)^2 (quadratic), where i and j
 * are positions among the sorted observed categories, as scikit-learn's cohen_kappa_score and R irr's kappa2 do.
 * Weighted kappa needs numbers, since it reads meaning into the order of the categories.
 */
export function cohenKappa(
  records: readonly AgreementRecord[],
  options: { weights?: KappaWeights } = {},
): CohenKappaResult {
  const what = options.weights ? `${options.weights}-weighted Cohen's kappa` : "Cohen's kappa";
  const aligned = alignTwoAnnotators(records);
  const annotators = aligned.annotatorIds.length;
  if (annotators !== 2) throw agreementErrors.twoAnnotatorsRequired("Cohen's kappa", annotators);
  const { categories, codes } = categoryCodes(records, aligned, aligned.pairs, ({ unit, annotator, value }) => {
    if (Array.isArray(value)) throw agreementErrors.wrongValueType(what, 'number or string', unit, annotator);
    if (options.weights && typeof value !== 'number') {
      throw agreementErrors.wrongValueType(what, 'number', unit, annotator);
    }
    return value;
  });

  const size = categories.length;
  const observed = new Float64Array(size * size);
  const rows = new Float64Array(size);
  const columns = new Float64Array(size);
  for (let p = 0; p < codes.length; p += 2) {
    const i = codes[p] as number;
    const j = codes[p + 1] as number;
    observed[i * size + j] = (observed[i * size + j] as number) + 1;
    rows[i] = (rows[i] as number) + 1;
    columns[j] = (columns[j] as number) + 1;
  }

  const weight = (i: number, j: number) =>
    options.weights === 'linear' ? Math.abs(i - j) : options.weights === 'quadratic' ? (i - j) ** 2 : i === j ? 0 : 1;
  const n = codes.length / 2;
  let observedSum = 0;
  let expectedSum = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const w = weight(i, j);
      observedSum += w * (observed[i * size + j] as number);
      expectedSum += (w * (rows[i] as number) * (columns[j] as number)) / n;
    }
  }
  return {
    value: expectedSum > 0 ? 1 - observedSum / expectedSum : Number.NaN,
    units: n,
    annotators: 2,
    weights: options.weights ?? 'none',
    categories,
    observedDisagreement: n > 0 ? observedSum / n : Number.NaN,
    expectedDisagreement: n > 0 ? expectedSum / n : Number.NaN,
  };
}
