import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord, KappaWeights } from './agreement-record.ts';
import {
  type Category,
  categoryKey,
  distinctCategories,
  exactlyTwoAnnotators,
  expectCategory,
  pairedValues,
  unitsTable,
} from './units-table.ts';

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
  const table = unitsTable(records);
  const [first, second] = exactlyTwoAnnotators("Cohen's kappa", table);
  const pairs = pairedValues(table, first, second).map(({ unit, first: a, second: b }) => {
    const x = expectCategory(what, unit, first, a);
    const y = expectCategory(what, unit, second, b);
    if (options.weights && typeof x !== 'number') throw agreementErrors.wrongValueType(what, 'number', unit, first);
    if (options.weights && typeof y !== 'number') throw agreementErrors.wrongValueType(what, 'number', unit, second);
    return [x, y] as const;
  });

  const categories = distinctCategories(pairs.flat());
  const index = new Map(categories.map((c, i) => [categoryKey(c), i]));
  const size = categories.length;
  const observed = new Float64Array(size * size);
  const rows = new Float64Array(size);
  const columns = new Float64Array(size);
  for (const [x, y] of pairs) {
    const i = index.get(categoryKey(x)) as number;
    const j = index.get(categoryKey(y)) as number;
    observed[i * size + j] = (observed[i * size + j] as number) + 1;
    rows[i] = (rows[i] as number) + 1;
    columns[j] = (columns[j] as number) + 1;
  }

  const weight = (i: number, j: number) =>
    options.weights === 'linear' ? Math.abs(i - j) : options.weights === 'quadratic' ? (i - j) ** 2 : i === j ? 0 : 1;
  const n = pairs.length;
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
