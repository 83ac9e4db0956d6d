import { describe, expect, it } from 'vitest';
import { kendallTau } from './kendall-tau.ts';
import { recordsFromMatrix, recordsFromTwoVectors } from './published-datasets.fixtures.ts';

describe('kendallTau', () => {
  it('reproduces the scipy.stats.kendalltau docstring example: tau-b = -0.47140', () => {
    // x = [12, 2, 1, 12, 2], y = [1, 4, 7, 1, 0]. By hand over the 10 unit pairs: concordant P = 2 (units 1-5, 4-5),
    // discordant Q = 6, tied only in x: 1 (units 2-5), only in y: 0, in both: 1 (units 1-4).
    // tau_b = (2 - 6) / sqrt((2 + 6 + 1) * (2 + 6 + 0)) = -4 / sqrt(72) = -0.4714045.
    const result = kendallTau(recordsFromTwoVectors([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]));
    expect(result.value).toBeCloseTo(-4 / Math.sqrt(72), 12);
    expect(result).toMatchObject({ concordant: 2, discordant: 6, tiedFirstOnly: 1, tiedSecondOnly: 0 });
  });

  it('gives 2/3 for one swapped adjacent pair among four units', () => {
    // 6 pairs, 5 concordant and 1 discordant: (5 - 1) / 6.
    expect(kendallTau(recordsFromTwoVectors([1, 2, 3, 4], [1, 3, 2, 4])).value).toBeCloseTo(2 / 3, 12);
  });

  it('uses only units both annotators rated and needs exactly two annotators', () => {
    expect(kendallTau(recordsFromMatrix({ a: [1, 2, 3, 9], b: [1, 2, 3, null] })).units).toBe(3);
    expect(() => kendallTau(recordsFromMatrix({ a: [1, 2], b: [1, 2], c: [2, 1] }))).toThrow(
      "Kendall's tau compares exactly two annotators, but the records have 3",
    );
  });
});
