import { describe, expect, it } from 'vitest';
import { competitionRanks, pairsFromRanking } from './ranking-pairs.ts';

const show = (groups: string[][], strategy: 'all' | 'best-vs-rest' | 'adjacent') =>
  pairsFromRanking(groups, strategy).map((p) => `${p.chosen}>${p.rejected}`);

describe('pairsFromRanking', () => {
  it('gives all C(K,2) pairs of a strict ranking (InstructGPT)', () => {
    expect(show([['a'], ['b'], ['c'], ['d']], 'all')).toEqual(['a>b', 'a>c', 'a>d', 'b>c', 'b>d', 'c>d']);
  });

  it('never pairs tied outputs, whatever the strategy', () => {
    const groups = [['a', 'b'], ['c'], ['d', 'e']];
    for (const strategy of ['all', 'best-vs-rest', 'adjacent'] as const) {
      const pairs = show(groups, strategy);
      for (const tie of ['a>b', 'b>a', 'd>e', 'e>d']) expect(pairs).not.toContain(tie);
    }
    expect(show(groups, 'best-vs-rest')).toEqual(['a>c', 'a>d', 'a>e', 'b>c', 'b>d', 'b>e']);
    expect(show(groups, 'adjacent')).toEqual(['a>c', 'b>c', 'c>d', 'c>e']);
  });

  it('gives no pair when everything is tied', () => {
    expect(show([['a', 'b', 'c']], 'all')).toEqual([]);
    expect(show([['a', 'b', 'c']], 'best-vs-rest')).toEqual([]);
    expect(show([['a', 'b', 'c']], 'adjacent')).toEqual([]);
  });
});

describe('competitionRanks', () => {
  it('ranks ties alike and skips the places they take ("1224")', () => {
    expect(Object.fromEntries(competitionRanks([['a'], ['b', 'c'], ['d']]))).toEqual({ a: 1, b: 2, c: 2, d: 4 });
  });
});
