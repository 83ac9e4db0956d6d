import { describe, expect, it } from 'vitest';
import { fleissKappa } from './fleiss-kappa.ts';
import { fleissWikipediaCounts, recordsFromCounts, recordsFromMatrix } from './published-datasets.fixtures.ts';

describe('fleissKappa', () => {
  const result = fleissKappa(recordsFromCounts(fleissWikipediaCounts));

  it('reproduces the Fleiss 1971 worked example on Wikipedia: P-bar 0.378, P-bar_e 0.213, kappa 0.210', () => {
    expect(result.observedAgreement).toBeCloseTo(0.378, 3);
    expect(result.chanceAgreement).toBeCloseTo(0.213, 3);
    expect(result.value).toBeCloseTo(0.21, 3);
    expect(result.units).toBe(10);
  });

  it('gives the category proportions p_j of the worked example', () => {
    // Wikipedia: p_j = 0.143, 0.200, 0.279, 0.150, 0.229 (column sums 20, 28, 39, 21, 32 over 140 ratings).
    expect(result.perCategory.map((c) => c.proportion)).toEqual(
      [20, 28, 39, 21, 32].map((sum) => expect.closeTo(sum / 140, 12)),
    );
  });

  it('gives per-category kappas by Fleiss 1971 formula', () => {
    // Hand computation for category 1 (column 0: counts 0,0,0,0,2,7,3,2,6,0; n = 14, N = 10, p = 1/7):
    // sum n_ij (n - n_ij) = 2*12 + 7*7 + 3*11 + 2*12 + 6*8 = 24 + 49 + 33 + 24 + 48 = 178,
    // kappa_1 = 1 - 178 / (N n (n - 1) p q) = 1 - 178 / (10 * 14 * 13 * (1/7) * (6/7)) = 1 - 178 / 222.857 = 0.20128.
    expect(result.perCategory[0]?.category).toBe('c1');
    expect(result.perCategory[0]?.kappa).toBeCloseTo(1 - 178 / ((10 * 14 * 13 * 6) / 49), 12);
    // Fleiss 1971: the overall kappa is the p_j q_j-weighted mean of the per-category kappas.
    const weights = result.perCategory.map((c) => c.proportion * (1 - c.proportion));
    const weighted = result.perCategory.reduce((sum, c, j) => sum + c.kappa * (weights[j] as number), 0);
    expect(weighted / weights.reduce((a, b) => a + b, 0)).toBeCloseTo(result.value, 12);
  });

  it('drops units with fewer than two ratings and uses each unit’s own number of ratings', () => {
    const records = recordsFromMatrix({
      a: ['x', 'x', 'y', 'x'],
      b: ['x', 'y', 'y', null],
      c: ['x', null, 'y', null],
    });
    // Unit 4 drops out. P_1 = 1, P_2 = 0, P_3 = 1 -> P-bar = 2/3; ratings x: 4, y: 4 -> P-bar_e = 1/2;
    // kappa = (2/3 - 1/2) / (1/2) = 1/3.
    const kappa = fleissKappa(records);
    expect(kappa.units).toBe(3);
    expect(kappa.value).toBeCloseTo(1 / 3, 12);
  });
});
