import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord, MeasurementLevel } from './agreement-record.ts';
import { type CoincidenceMatrix, coincidenceMatrix } from './coincidence-matrix.ts';
import { annotatorsOf, type Category, expectCategory, expectNumber, unitsTable } from './units-table.ts';

export interface AlphaResult {
  /** NaN when alpha is undefined: no pairable values, or no variation at all (expected disagreement 0). */
  value: number;
  level: MeasurementLevel;
  /** Units with at least two values; units with fewer drop out (Krippendorff 2011). */
  units: number;
  /** n, the number of pairable values. */
  pairableValues: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

export interface KrippendorffAlphaResult extends AlphaResult {
  annotators: number;
}

/**
 * Krippendorff's alpha over long-format records. Nominal data may be numbers or strings; ordinal, interval and ratio
 * data must be numbers (ratio: not negative). Missing values are simply absent records.
 */
export function krippendorffAlpha(
  records: readonly AgreementRecord[],
  options: { level?: MeasurementLevel } = {},
): KrippendorffAlphaResult {
  const level = options.level ?? 'nominal';
  const what = `${level} Krippendorff's alpha`;
  const units = unitsTable(records).filter((u) => u.ratings.length >= 2);
  const unitValues = units.map(({ unit, ratings }) =>
    ratings.map(({ annotator, value }) => {
      if (level === 'nominal') return expectCategory(what, unit, annotator, value);
      const number = expectNumber(what, unit, annotator, value);
      if (level === 'ratio' && number < 0) throw agreementErrors.wrongValueType(what, 'non-negative', unit, annotator);
      return number;
    }),
  );
  return { ...alphaFromUnitValues(unitValues, level), annotators: annotatorsOf(units).length };
}

/**
 * Alpha from the values of each unit (Krippendorff 2011):
 *   alpha = 1 - D_o / D_e,
 *   D_o = (1 / n) * sum_c sum_k o_ck * delta^2_ck               (observed disagreement)
 *   D_e = (1 / (n (n - 1))) * sum_c sum_k n_c * n_k * delta^2_ck  (expected disagreement)
 * Shared by `krippendorffAlpha` and the chance-corrected ranking agreement, whose units are (item, pair of outputs).
 */
export function alphaFromUnitValues(
  unitValues: readonly (readonly Category[])[],
  level: MeasurementLevel,
): AlphaResult {
  const matrix = coincidenceMatrix(unitValues);
  const { coincidences, marginals, pairableValues: n } = matrix;
  const size = matrix.categories.length;
  const delta = differenceFunction(level, matrix);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue; // delta^2_cc = 0 for every level
      const d = delta(c, k);
      observed += (coincidences[c * size + k] as number) * d;
      expected += (marginals[c] as number) * (marginals[k] as number) * d;
    }
  }
  const observedDisagreement = n > 0 ? observed / n : Number.NaN;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : Number.NaN;
  const value = expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : Number.NaN;
  return { value, level, units: matrix.pairableUnits, pairableValues: n, observedDisagreement, expectedDisagreement };
}

/** The difference functions delta^2_ck of Krippendorff (2011), by category index. */
function differenceFunction(level: MeasurementLevel, matrix: CoincidenceMatrix): (c: number, k: number) => number {
  const values = matrix.categories as number[];
  switch (level) {
    case 'nominal':
      return () => 1;
    case 'interval':
      // delta^2 = (c - k)^2
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
    case 'ratio':
      // delta^2 = ((c - k) / (c + k))^2; two zeros are identical values and never reach here (c != k).
      return (c, k) => {
        const a = values[c] as number;
        const b = values[k] as number;
        return ((a - b) / (a + b)) ** 2;
      };
    case 'ordinal': {
      // delta^2_ck = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2, over categories in rank order: the distance is the
      // number of pairable values lying between c and k, so only the order of the values matters.
      const cumulative = [0];
      for (const n of matrix.marginals) cumulative.push((cumulative.at(-1) as number) + n);
      return (c, k) => {
        const low = Math.min(c, k);
        const high = Math.max(c, k);
        const between = (cumulative[high + 1] as number) - (cumulative[low] as number);
        return (between - ((matrix.marginals[c] as number) + (matrix.marginals[k] as number)) / 2) ** 2;
      };
    }
  }
}
