import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided } from './binomial-test.ts';
import { type DisplayedRanking, positionBias } from './position-bias.ts';

function shown(unit: string, ranking: DisplayedRanking['ranking'], displayOrder: string[]): DisplayedRanking {
  return { unit, annotator: 'a', ranking, displayOrder };
}

describe('positionBias', () => {
  it('compares first-shown wins with 1/2 for pairwise comparisons and 1/K for rankings of K', () => {
    const rankings = [
      // pairwise: first shown wins 3 of 4
      shown('p1', ['A', 'B'], ['A', 'B']),
      shown('p2', ['B', 'A'], ['B', 'A']),
      shown('p3', ['A', 'B'], ['A', 'B']),
      shown('p4', ['A', 'B'], ['B', 'A']),
      // K = 3: first shown wins 1 of 2
      shown('r1', ['C', 'A', 'B'], ['C', 'B', 'A']),
      shown('r2', ['A', ['B', 'C']], ['B', 'A', 'C']),
      // tie for best: no winner
      shown('t1', [['A', 'B']], ['A', 'B']),
    ];
    const result = positionBias(rankings);
    expect(result.tiedTop).toBe(1);
    expect(result.groups).toEqual([
      { outputs: 2, trials: 4, firstShownWins: 3, rate: 0.75, chance: 0.5, pValue: binomialTestTwoSided(3, 4, 0.5) },
      {
        outputs: 3,
        trials: 2,
        firstShownWins: 1,
        rate: 0.5,
        chance: 1 / 3,
        pValue: binomialTestTwoSided(1, 2, 1 / 3),
      },
    ]);
    // 3 of 4 at 1/2: outcomes 0, 1, 3, 4 are as unlikely as 3 -> (1 + 4 + 4 + 1) / 16 = 0.625.
    expect(result.groups[0]?.pValue).toBeCloseTo(0.625, 12);
  });

  it('flags a strong bias: the first shown wins 18 of 20 pairwise comparisons', () => {
    const rankings = Array.from({ length: 20 }, (_, i) => shown(`p${i}`, i < 18 ? ['A', 'B'] : ['B', 'A'], ['A', 'B']));
    // Two-sided: 2 * P(X >= 18) = 2 * (190 + 20 + 1) / 2^20 = 0.000402.
    expect(positionBias(rankings).groups[0]?.pValue).toBeCloseTo((2 * 211) / 2 ** 20, 12);
  });
});
