import { describe, expect, it } from 'vitest';
import { coincidenceMatrix } from './coincidence-matrix.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { krippendorff2011, recordsFromMatrix, wikipediaAlphaExample } from './published-datasets.fixtures.ts';

describe('krippendorffAlpha', () => {
  const reliabilityData = recordsFromMatrix(krippendorff2011);

  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers x 12 units with missing values.
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('reproduces Krippendorff 2011: %s alpha = %s', (level, published) => {
    const result = krippendorffAlpha(reliabilityData, { level });
    expect(result.value).toBeCloseTo(published, 3);
    // Unit 12 has a single value and drops out: 11 pairable units, 40 pairable values.
    expect(result.units).toBe(11);
    expect(result.pairableValues).toBe(40);
    expect(result.annotators).toBe(4);
  });

  it('builds the coincidence matrix of Krippendorff 2011 for the example data', () => {
    // The paper's matrix of coincidences has marginals n_1..n_5 = 9, 13, 10, 5, 3 (n = 40). By hand:
    // o_11 = unit 1 (three 1s, m = 3: 3*2/2 = 3) + unit 8 (three 1s, m = 4: 3*2/3 = 2) + unit 11 (two 1s: 2/1 = 2) = 7;
    // o_12 = unit 6 (one 1, one 2, m = 4: 1/3) + unit 8 (three 1s, one 2, m = 4: 3/3) = 4/3.
    const units = Array.from({ length: 12 }, (_, column) =>
      Object.values(krippendorff2011).flatMap((row) => (row[column] === null ? [] : [row[column] as number])),
    );
    const matrix = coincidenceMatrix(units);
    expect(matrix.categories).toEqual([1, 2, 3, 4, 5]);
    expect([...matrix.marginals]).toEqual([9, 13, 10, 5, 3].map((n) => expect.closeTo(n, 10)));
    expect(matrix.coincidences[0]).toBeCloseTo(7, 10);
    expect(matrix.coincidences[1]).toBeCloseTo(4 / 3, 10);
  });

  it.each([
    ['nominal', 0.691358],
    ['interval', 0.810845],
  ] as const)('reproduces the Wikipedia computational example: %s alpha = %s', (level, published) => {
    // Values asserted by the krippendorff Python package (tests/test_krippendorff.py) on Wikipedia's 3 x 15 data.
    expect(krippendorffAlpha(recordsFromMatrix(wikipediaAlphaExample), { level }).value).toBeCloseTo(published, 6);
  });

  it('accepts string categories for nominal data', () => {
    const records = recordsFromMatrix({
      a: ['yes', 'no', 'no', 'yes'],
      b: ['yes', 'no', 'yes', 'yes'],
    });
    // Hand computation (Krippendorff 2011, nominal): n = 8, n_yes = 5, n_no = 3, one disagreeing unit.
    // alpha = 1 - (n - 1) * (2 * disagreements) / (n^2 - sum n_c^2) = 1 - 7 * 2 / (64 - 34) = 1 - 14/30 = 0.5333...
    expect(krippendorffAlpha(records).value).toBeCloseTo(8 / 15, 12);
  });

  it('is undefined (NaN) when every value is the same, since there is no variation to explain', () => {
    const records = recordsFromMatrix({ a: [1, 1, 1], b: [1, 1, 1] });
    expect(krippendorffAlpha(records, { level: 'interval' }).value).toBeNaN();
  });

  it('refuses strings for interval data and negative numbers for ratio data', () => {
    expect(() => krippendorffAlpha(recordsFromMatrix({ a: ['x', 'y'], b: ['x', 'x'] }), { level: 'interval' })).toThrow(
      /interval Krippendorff's alpha needs number values/,
    );
    expect(() => krippendorffAlpha(recordsFromMatrix({ a: [-1, 2], b: [1, 2] }), { level: 'ratio' })).toThrow(
      /non-negative/,
    );
  });

  it('refuses two values from one annotator for one unit', () => {
    const records = [
      { unit: 'u1', annotator: 'a', value: 1 },
      { unit: 'u1', annotator: 'a', value: 2 },
    ];
    expect(() => krippendorffAlpha(records)).toThrow(/annotator "a" has two values for unit "u1"/);
  });
});
