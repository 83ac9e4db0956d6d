import { codeCategories } from './record-index.ts';
import type { Category } from './units-table.ts';

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

/** Pairable units with their values as category numbers: unit i holds `codes[start[i] .. start[i + 1])`. */
export interface CodedUnits {
  categories: Category[];
  start: Int32Array;
  codes: Int32Array;
}

/** Codes the pairable units (two or more values) of a list of units' values. */
export function codeUnits(unitValues: readonly (readonly Category[])[]): CodedUnits {
  const pairable = unitValues.filter((values) => values.length >= 2);
  const start = new Int32Array(pairable.length + 1);
  pairable.forEach((values, i) => {
    start[i + 1] = (start[i] as number) + values.length;
  });
  const flat = pairable.flat();
  const { categories, codes } = codeCategories(flat.length, (i) => flat[i] as Category);
  return { categories, start, codes };
}

export function coincidenceMatrix(unitValues: readonly (readonly Category[])[]): CoincidenceMatrix {
  return coincidencesOf(codeUnits(unitValues));
}

/** The full matrix; the nominal and interval alphas do not need it (see krippendorff-alpha.ts). */
export function coincidencesOf({ categories, start, codes }: CodedUnits): CoincidenceMatrix {
  const size = categories.length;
  const coincidences = new Float64Array(size * size);
  const counts = new Int32Array(size);
  const present: number[] = [];
  const units = start.length - 1;
  for (let u = 0; u < units; u++) {
    const from = start[u] as number;
    const to = start[u + 1] as number;
    // Count each category in the unit once, then add all pairs between counts: n_uc * n_uk pairs for c != k and
    // n_uc * (n_uc - 1) for c = k (a value never pairs with itself).
    present.length = 0;
    for (let i = from; i < to; i++) {
      const c = codes[i] as number;
      if (counts[c] === 0) present.push(c);
      counts[c] = (counts[c] as number) + 1;
    }
    const weight = 1 / (to - from - 1);
    for (const c of present) {
      const countC = counts[c] as number;
      for (const k of present) {
        const countK = counts[k] as number;
        const cell = c * size + k;
        coincidences[cell] =
          (coincidences[cell] as number) + (c === k ? countC * (countC - 1) : countC * countK) * weight;
      }
    }
    for (const c of present) counts[c] = 0;
  }
  const marginals = new Float64Array(size);
  let pairableValues = 0;
  for (let c = 0; c < size; c++) {
    let row = 0;
    for (let k = 0; k < size; k++) row += coincidences[c * size + k] as number;
    marginals[c] = row;
    pairableValues += row;
  }
  return { categories, coincidences, marginals, pairableValues, pairableUnits: units };
}
