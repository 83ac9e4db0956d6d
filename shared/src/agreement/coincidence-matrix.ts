import { type Category, categoryKey, distinctCategories } from './units-table.ts';

/**
 * The coincidence matrix of Krippendorff (2011, "Computing Krippendorff's Alpha-Reliability"):
 *   o_ck = sum over units u of (number of c-k pairs of values in u) / (m_u - 1),
 * counting ordered pairs of values from different coders, where m_u is the number of values in u. Units with fewer
 * than two values are not pairable and drop out. n_c = sum_k o_ck and n = sum_c n_c (the pairable values).
 */
export interface CoincidenceMatrix {
  /** Sorted (numbers ascending, then strings). */
  categories: Category[];
  /** o_ck at [c * categories.length + k]. */
  coincidences: Float64Array;
  /** n_c. */
  marginals: Float64Array;
  /** n. */
  pairableValues: number;
  /** Units with two or more values. */
  pairableUnits: number;
}

export function coincidenceMatrix(unitValues: readonly (readonly Category[])[]): CoincidenceMatrix {
  const pairable = unitValues.filter((values) => values.length >= 2);
  const categories = distinctCategories(pairable.flat());
  const index = new Map(categories.map((c, i) => [categoryKey(c), i]));
  const size = categories.length;
  const coincidences = new Float64Array(size * size);
  for (const values of pairable) {
    // Count each category in the unit once, then add all pairs between counts: n_uc * n_uk pairs for c != k and
    // n_uc * (n_uc - 1) for c = k (a value never pairs with itself).
    const counts = new Map<number, number>();
    for (const value of values) {
      const i = index.get(categoryKey(value)) as number;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const weight = 1 / (values.length - 1);
    for (const [c, countC] of counts) {
      for (const [k, countK] of counts) {
        const cell = c * size + k;
        coincidences[cell] =
          (coincidences[cell] as number) + (c === k ? countC * (countC - 1) : countC * countK) * weight;
      }
    }
  }
  const marginals = new Float64Array(size);
  let pairableValues = 0;
  for (let c = 0; c < size; c++) {
    let row = 0;
    for (let k = 0; k < size; k++) row += coincidences[c * size + k] as number;
    marginals[c] = row;
    pairableValues += row;
  }
  return { categories, coincidences, marginals, pairableValues, pairableUnits: pairable.length };
}
