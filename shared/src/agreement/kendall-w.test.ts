import { describe, expect, it } from 'vitest';
import { averageRanks } from './average-ranks.ts';
import { kendallW } from './kendall-w.ts';
import { irrAnxiety, recordsFromMatrix } from './published-datasets.fixtures.ts';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span, like R rank() and scipy rankdata', () => {
    expect(averageRanks([3, 1, 4, 1, 5])).toEqual([3, 1.5, 4, 1.5, 5]);
  });
});

describe('kendallW', () => {
  // R irr, data(anxiety): 20 subjects, 3 raters. The numbers below are irr's kendall.R formula worked out
  // independently (ranks by scipy.stats.rankdata), not copied from irr's printout:
  //   rank sums give S = sum (R_i - mean R)^2 = 3004; n = 20, m = 3, so m^2 (n^3 - n) = 9 * 7980 = 71820;
  //   tie groups per rater: rater1 {2,6,5,2,4,1} -> sum(t^3 - t) = 402, rater2 {1,5,8,4,2} -> 690,
  //   rater3 {7,5,5,2,1} -> 582; sum T = 1674.
  //   W  = 12 * 3004 / 71820              = 36048 / 71820 = 0.50192
  //   Wt = 12 * 3004 / (71820 - 3 * 1674) = 36048 / 66798 = 0.53966, chi-square(19) = 3 * 19 * Wt = 30.76
  const anxiety = recordsFromMatrix(irrAnxiety);

  it('reproduces the tie-corrected W of irr kendall(anxiety, correct = TRUE)', () => {
    const result = kendallW(anxiety);
    expect(result.value).toBeCloseTo(36048 / 66798, 12);
    expect(result.chiSquare).toBeCloseTo(3 * 19 * (36048 / 66798), 10);
    expect(result.degreesOfFreedom).toBe(19);
    expect(result).toMatchObject({ units: 20, annotators: 3, correctedForTies: true });
  });

  it('reproduces the uncorrected W of irr kendall(anxiety)', () => {
    expect(kendallW(anxiety, { correctTies: false }).value).toBeCloseTo(36048 / 71820, 12);
  });

  it('is 1 when every annotator orders the units the same way, whatever their scales', () => {
    const records = recordsFromMatrix({ a: [1, 2, 3, 4], b: [10, 20, 30, 40], c: [0.1, 0.5, 0.7, 0.9] });
    expect(kendallW(records).value).toBeCloseTo(1, 12);
  });

  it('is 0 for two annotators with exactly opposite orders', () => {
    // Rank sums are all n + 1, so S = 0.
    expect(kendallW(recordsFromMatrix({ a: [1, 2, 3], b: [3, 2, 1] })).value).toBe(0);
  });

  it('drops units that some annotator did not rate, as irr does (listwise deletion)', () => {
    const records = recordsFromMatrix({ a: [1, 2, 3, 4], b: [1, 2, 3, null] });
    expect(kendallW(records).units).toBe(3);
  });
});
