/**
 * Published reliability data the tests check against, each with its source. Test-only: not exported from the
 * module's index.
 */
import type { AgreementRecord } from './agreement-record.ts';

/** Rows are annotators, columns are units; null is a missing value. Annotator ids are the row labels. */
export function recordsFromMatrix(
  rows: Record<string, readonly (number | string | null)[]>,
  unitName: (column: number) => string = (column) => `u${column + 1}`,
): AgreementRecord[] {
  return Object.entries(rows).flatMap(([annotator, values]) =>
    values.flatMap((value, column) => (value === null ? [] : [{ unit: unitName(column), annotator, value }])),
  );
}

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with 4 observers, 12 units and
 * missing values. The paper reports nominal alpha 0.743, ordinal 0.815, interval 0.849, ratio 0.797; the
 * krippendorff Python package tests (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py) assert 0.815
 * (ordinal) and 0.797 (ratio) on this same matrix.
 */
export const krippendorff2011 = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};

/**
 * Wikipedia, "Krippendorff's alpha", A computational example: 3 coders, 15 units. The krippendorff Python package
 * tests assert nominal 0.691358 and interval 0.810845 on it.
 */
export const wikipediaAlphaExample = {
  A: [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  B: [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  C: [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
};

/**
 * Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", Worked example): 10 subjects, 14 raters, 5 categories;
 * each row counts the raters per category. Wikipedia gives P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210;
 * statsmodels' test_inter_rater.py asserts kappa 0.210 on the same table.
 */
export const fleissWikipediaCounts = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/** Long-format records from a subjects x categories count table (rater ids are arbitrary: r1..rn per subject). */
export function recordsFromCounts(counts: readonly (readonly number[])[]): AgreementRecord[] {
  return counts.flatMap((row, subject) => {
    let rater = 0;
    return row.flatMap((count, category) =>
      Array.from({ length: count }, () => ({
        unit: `s${subject + 1}`,
        annotator: `r${++rater}`,
        value: `c${category + 1}`,
      })),
    );
  });
}

/** R irr package, data(anxiety): 20 subjects rated by 3 raters on a 1-6 scale (also printed in DescTools' KendallW docs). */
export const irrAnxiety = {
  rater1: [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
  rater2: [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
  rater3: [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
};

/** Two label vectors as runs: `runs([0, 40], [1, 60])` is forty 0s then sixty 1s (scikit-learn's test notation). */
export function runs(...parts: [value: number, count: number][]): number[] {
  return parts.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

/** Records for two annotators "a" and "b" from aligned label vectors. */
export function recordsFromTwoVectors(a: readonly number[], b: readonly number[]): AgreementRecord[] {
  return recordsFromMatrix({ a, b });
}
