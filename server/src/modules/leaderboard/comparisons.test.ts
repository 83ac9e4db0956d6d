import { describe, expect, it } from 'vitest';
import { collectComparisons, type LeaderboardItem, lengthDelta } from './comparisons.ts';

const outputs = (models: (string | null)[], lengths = models.map(() => 10)): LeaderboardItem['outputs'] =>
  models.map((model, i) => ({ id: `o${i}`, model, length: lengths[i] ?? 0 }));

/** The comparisons as readable triples: winner-first model names and the score of the first. */
function triples(items: LeaderboardItem[]) {
  const set = collectComparisons(items);
  return Array.from(set.a, (a, c) => [set.models[a], set.models[set.b[c] as number], set.score[c]]);
}

describe('comparisons from preference answers', () => {
  it('reads a ranking as every pair across its groups, not within a group beside others', () => {
    const item: LeaderboardItem = {
      itemId: 'x',
      outputs: outputs(['A', 'B', 'C']),
      answers: [{ type: 'ranking', groups: [['o2'], ['o0', 'o1']] }],
    };
    expect(triples([item])).toEqual([
      ['C', 'A', 1],
      ['C', 'B', 1],
    ]);
    // The A-B pair sharing the second rank is left out, and counted as such.
    expect(collectComparisons([item]).skipped).toEqual({ noModel: 0, sameModel: 0, tiedInRanking: 1 });
  });

  it('counts a pairwise tie and "both bad" as half a win each, and a preference as a win', () => {
    const item: LeaderboardItem = {
      itemId: 'x',
      outputs: outputs(['A', 'B']),
      answers: [
        { type: 'pairwise', verdict: 'tie' },
        { type: 'pairwise', verdict: 'both-bad' },
        { type: 'pairwise', verdict: 'preferred', preferred: 'o1', strength: 'better' },
      ],
    };
    expect(triples([item])).toEqual([
      ['A', 'B', 0.5],
      ['A', 'B', 0.5],
      ['B', 'A', 1],
    ]);
  });

  it('reads best-of-K as the choice over each other output, "none" as ties between all', () => {
    const item: LeaderboardItem = {
      itemId: 'x',
      outputs: outputs(['A', 'B', 'C']),
      answers: [
        { type: 'best-of-k', choice: 'o1' },
        { type: 'best-of-k', choice: null },
      ],
    };
    expect(triples([item])).toEqual([
      ['B', 'A', 1],
      ['B', 'C', 1],
      ['A', 'B', 0.5],
      ['A', 'C', 0.5],
      ['B', 'C', 0.5],
    ]);
  });

  it('skips and counts pairs with an output without a model, or of one model with itself', () => {
    const set = collectComparisons([
      {
        itemId: 'x',
        outputs: outputs(['A', null, 'A', 'B']),
        answers: [{ type: 'ranking', groups: [['o0'], ['o1'], ['o2'], ['o3']] }, undefined],
      },
    ]);
    // 6 pairs: o0>o1, o1>o2, o1>o3 have no model; o0>o2 is A against A; o0>o3 and o2>o3 are kept.
    expect(set.skipped).toEqual({ noModel: 3, sameModel: 1, tiedInRanking: 0 });
    expect(set.a.length).toBe(2);
    expect(set.annotations).toBe(1);
  });

  it('groups comparisons by item, the unit the bootstrap resamples', () => {
    const set = collectComparisons([
      { itemId: 'x', outputs: outputs(['A', 'B']), answers: [{ type: 'pairwise', verdict: 'tie' }] },
      { itemId: 'y', outputs: outputs(['A', 'A']), answers: [{ type: 'pairwise', verdict: 'tie' }] },
      {
        itemId: 'z',
        outputs: outputs(['A', 'B', 'C']),
        answers: [{ type: 'ranking', groups: [['o0'], ['o1'], ['o2']] }],
      },
    ]);
    // y gave nothing usable, so it is no cluster.
    expect(Array.from(set.clusterStart)).toEqual([0, 1, 4]);
  });

  it('measures length as the normalized difference', () => {
    expect(lengthDelta(300, 100)).toBe(0.5);
    expect(lengthDelta(0, 0)).toBe(0);
    const set = collectComparisons([
      {
        itemId: 'x',
        outputs: outputs(['A', 'B'], [30, 10]),
        answers: [{ type: 'pairwise', verdict: 'preferred', preferred: 'o1' }],
      },
    ]);
    expect(set.delta[0]).toBe(-0.5);
    expect(Array.from(set.meanLength)).toEqual([10, 30]);
  });
});
