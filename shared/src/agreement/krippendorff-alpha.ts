import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord, MeasurementLevel } from './agreement-record.ts';
import { type CodedUnits, codeUnits, coincidencesOf } from './coincidence-matrix.ts';
import { categoryCodes, indexRecords, unitRuns } from './record-index.ts';
import type { Category } from './units-table.ts';

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
  const index = indexRecords(records);
  const runs = unitRuns(index);
  const { categories, codes } = categoryCodes(records, index, runs.positions, ({ unit, annotator, value }) => {
    if (Array.isArray(value)) throw agreementErrors.wrongValueType(what, 'number or string', unit, annotator);
    if (level === 'nominal') return value;
    if (typeof value !== 'number') throw agreementErrors.wrongValueType(what, 'number', unit, annotator);
    if (level === 'ratio' && value < 0) throw agreementErrors.wrongValueType(what, 'non-negative', unit, annotator);
    return value;
  });
  return { ...alphaFromCodedUnits({ categories, start: runs.start, codes }, level), annotators: runs.annotators };
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
  return alphaFromCodedUnits(codeUnits(unitValues), level);
}

/** Alpha over coded pairable units; nominal and interval data take closed forms that need no c x k matrix. */
export function alphaFromCodedUnits(units: CodedUnits, level: MeasurementLevel): AlphaResult {
  const sums =
    level === 'nominal' ? nominalSums(units) : level === 'interval' ? intervalSums(units) : matrixSums(units, level);
  const n = units.codes.length;
  const observedDisagreement = n > 0 ? sums.observed / n : Number.NaN;
  const expectedDisagreement = n > 1 ? sums.expected / (n * (n - 1)) : Number.NaN;
  // A single category has no variation to explain (and floating-point noise must not pretend otherwise).
  const value =
    units.categories.length > 1 && expectedDisagreement > 0
      ? 1 - observedDisagreement / expectedDisagreement
      : Number.NaN;
  return { value, level, units: units.start.length - 1, pairableValues: n, observedDisagreement, expectedDisagreement };
}

/** sum_ck o_ck delta^2_ck and sum_ck n_c n_k delta^2_ck, the numerators of D_o and D_e. */
interface DisagreementSums {
  observed: number;
  expected: number;
}

/**
 * Nominal data (delta = 1 off the diagonal): sum_{c != k} o_ck = n - sum_c o_cc and
 * sum_{c != k} n_c n_k = n^2 - sum_c n_c^2 (Krippendorff 2011, nominal data), so only the diagonal is needed. Pair
 * counts are summed as integers per unit size m and divided by m - 1 at the end, so the result is exact whatever the
 * order of the units.
 */
function nominalSums({ categories, start, codes }: CodedUnits): DisagreementSums {
  const counts = new Int32Array(categories.length);
  const marginals = new Float64Array(categories.length);
  const agreeingPairsBySize: number[] = [];
  const present: number[] = [];
  for (let u = 0; u + 1 < start.length; u++) {
    const from = start[u] as number;
    const to = start[u + 1] as number;
    present.length = 0;
    for (let i = from; i < to; i++) {
      const c = codes[i] as number;
      if (counts[c] === 0) present.push(c);
      counts[c] = (counts[c] as number) + 1;
    }
    let pairs = 0;
    for (const c of present) {
      const count = counts[c] as number;
      pairs += count * (count - 1);
      marginals[c] = (marginals[c] as number) + count;
      counts[c] = 0;
    }
    const m = to - from;
    agreeingPairsBySize[m] = (agreeingPairsBySize[m] ?? 0) + pairs;
  }
  let diagonal = 0;
  agreeingPairsBySize.forEach((pairs, m) => {
    if (pairs !== undefined) diagonal += pairs / (m - 1);
  });
  const n = codes.length;
  let squares = 0;
  for (const count of marginals) squares += count * count;
  return { observed: n - diagonal, expected: n * n - squares };
}

/**
 * Interval data (delta^2 = (c - k)^2): the sum of squared differences over the ordered pairs of a set of m values is
 * 2 m sum (v - mean)^2, so sum_ck o_ck delta^2_ck = sum_u 2 m_u SS_u / (m_u - 1) and
 * sum_ck n_c n_k delta^2_ck = 2 n SS over all pairable values. Centring on the mean keeps it accurate.
 */
function intervalSums({ categories, start, codes }: CodedUnits): DisagreementSums {
  const values = categories as number[];
  let observed = 0;
  let total = 0;
  for (let i = 0; i < codes.length; i++) total += values[codes[i] as number] as number;
  const mean = total / codes.length;
  let squares = 0;
  for (let u = 0; u + 1 < start.length; u++) {
    const from = start[u] as number;
    const to = start[u + 1] as number;
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[codes[i] as number] as number;
    const unitMean = sum / (to - from);
    let unitSquares = 0;
    for (let i = from; i < to; i++) {
      const value = values[codes[i] as number] as number;
      unitSquares += (value - unitMean) ** 2;
      squares += (value - mean) ** 2;
    }
    observed += (2 * (to - from) * unitSquares) / (to - from - 1);
  }
  return { observed, expected: 2 * codes.length * squares };
}

function matrixSums(units: CodedUnits, level: 'ordinal' | 'ratio'): DisagreementSums {
  const { coincidences, marginals, categories } = coincidencesOf(units);
  return coincidenceSums(categories, coincidences, marginals, level);
}

/**
 * Alpha from a coincidence matrix o_ck over `categories` (Krippendorff 2011). Categories nobody used may be listed
 * (zero rows): summed per-item matrices over a bootstrap resample have them.
 */
export function alphaFromCoincidences(
  categories: readonly Category[],
  coincidences: Float64Array,
  level: MeasurementLevel,
): Omit<AlphaResult, 'units' | 'level'> {
  const size = categories.length;
  const marginals = new Float64Array(size);
  let n = 0;
  let used = 0;
  for (let c = 0; c < size; c++) {
    let row = 0;
    for (let k = 0; k < size; k++) row += coincidences[c * size + k] as number;
    marginals[c] = row;
    n += row;
    if (row > 0) used++;
  }
  const sums = coincidenceSums(categories, coincidences, marginals, level);
  const observedDisagreement = n > 0 ? sums.observed / n : Number.NaN;
  const expectedDisagreement = n > 1 ? sums.expected / (n * (n - 1)) : Number.NaN;
  const value = used > 1 && expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : Number.NaN;
  return { value, pairableValues: n, observedDisagreement, expectedDisagreement };
}

function coincidenceSums(
  categories: readonly Category[],
  coincidences: Float64Array,
  marginals: Float64Array,
  level: MeasurementLevel,
): DisagreementSums {
  const size = categories.length;
  const delta = differenceFunction(level, categories, marginals);
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
  return { observed, expected };
}

/** The difference functions delta^2_ck of Krippendorff (2011), by category index. */
function differenceFunction(
  level: MeasurementLevel,
  categories: readonly Category[],
  marginals: Float64Array,
): (c: number, k: number) => number {
  const values = categories as number[];
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
      for (const n of marginals) cumulative.push((cumulative.at(-1) as number) + n);
      return (c, k) => {
        const low = Math.min(c, k);
        const high = Math.max(c, k);
        const between = (cumulative[high + 1] as number) - (cumulative[low] as number);
        return (between - ((marginals[c] as number) + (marginals[k] as number)) / 2) ** 2;
      };
    }
  }
}
