import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided } from './binomial-test.ts';

describe('binomialTestTwoSided', () => {
  it('gives 7 of 10 at p = 1/2 the exact p-value 0.34375', () => {
    // By hand: outcomes as or less likely than 7 are 0-3 and 7-10; 2 * (1 + 10 + 45 + 120) / 1024 = 352 / 1024.
    expect(binomialTestTwoSided(7, 10, 0.5)).toBeCloseTo(352 / 1024, 14);
  });

  it.each([
    // scipy.stats.binomtest(k, n, p).pvalue, scipy 1.17.1
    [3, 20, 0.25, 0.4393741000631053],
    [60, 100, 0.5, 0.05688793364098089],
  ])('matches scipy.stats.binomtest for %s of %s at p = %s', (k, n, p, expected) => {
    expect(binomialTestTwoSided(k, n, p)).toBeCloseTo(expected, 12);
  });

  it('is 1 for the most likely outcome and handles large n without underflow', () => {
    expect(binomialTestTwoSided(5, 10, 0.5)).toBeCloseTo(1, 12);
    // 5000 of 10 000 is the mode: p-value 1. 5300 of 10 000 is 6 SD out: tiny but positive.
    expect(binomialTestTwoSided(5000, 10_000, 0.5)).toBeCloseTo(1, 10);
    const far = binomialTestTwoSided(5300, 10_000, 0.5);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-8);
  });

  it('treats certain outcomes as certain', () => {
    expect(binomialTestTwoSided(0, 10, 0)).toBe(1);
    expect(binomialTestTwoSided(1, 10, 0)).toBe(0);
    expect(binomialTestTwoSided(10, 10, 1)).toBe(1);
  });
});
