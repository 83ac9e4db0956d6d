import { describe, expect, it } from 'vitest';
import { consensusRanking } from './consensus.ts';

const ids = ['a', 'b', 'c'];

describe('consensusRanking', () => {
  it.each(['majority', 'bradley-terry'] as const)(
    '%s: one annotator’s ranking is the consensus, ties included',
    (m) => {
      expect(consensusRanking([[['b'], ['a', 'c']]], ids, m).groups).toEqual([['b'], ['a', 'c']]);
    },
  );

  it.each(['majority', 'bradley-terry'] as const)('%s: a Condorcet cycle is a three-way tie', (method) => {
    const cycle = [
      [['a'], ['b'], ['c']],
      [['b'], ['c'], ['a']],
      [['c'], ['a'], ['b']],
    ];
    expect(consensusRanking(cycle, ids, method).groups).toEqual([['a', 'b', 'c']]);
  });

  it('majority: orders by Copeland score and reports each pair’s agreement', () => {
    const consensus = consensusRanking(
      [
        [['a'], ['b'], ['c']],
        [['a'], ['c'], ['b']],
        [['b'], ['a'], ['c']],
      ],
      ids,
      'majority',
    );
    expect(consensus.groups).toEqual([['a'], ['b'], ['c']]);
    expect(Object.fromEntries(consensus.scores)).toEqual({ a: 2, b: 1, c: 0 });
    expect(consensus.agreement('a', 'b')).toBeCloseTo(2 / 3, 12);
    expect(consensus.agreement('a', 'c')).toBe(1);
    expect(consensus.agreement('c', 'a')).toBe(0);
  });

  it('counts a tie as judged but not agreeing', () => {
    const consensus = consensusRanking([[['a'], ['b']], [['a', 'b']]], ['a', 'b'], 'majority');
    expect(consensus.groups).toEqual([['a'], ['b']]);
    expect(consensus.agreement('a', 'b')).toBe(0.5);
  });

  it('bradley-terry: finite, centred log-strengths ordered by the evidence, even when unanimous', () => {
    const rankings = [
      ...Array.from({ length: 4 }, () => [['a'], ['b'], ['c']]),
      [['b'], ['a'], ['c']],
      [['a'], ['c'], ['b']],
    ];
    const { groups, scores } = consensusRanking(rankings, ids, 'bradley-terry');
    expect(groups).toEqual([['a'], ['b'], ['c']]);
    const values = [...scores.values()];
    for (const value of values) expect(Number.isFinite(value)).toBe(true);
    expect(values.reduce((sum, v) => sum + v, 0)).toBeCloseTo(0, 9);
    // a beat c unanimously: the prior keeps the gap finite but large.
    expect((scores.get('a') as number) - (scores.get('c') as number)).toBeGreaterThan(1.5);
  });

  it('bradley-terry: strengths fit the win counts (two outputs: odds equal the pseudo-count-smoothed win ratio)', () => {
    // 3 wins to 1 for a, plus the 0.1 prior each way: strength ratio (3.1 / 1.1).
    const rankings = [
      [['a'], ['b']],
      [['a'], ['b']],
      [['a'], ['b']],
      [['b'], ['a']],
    ];
    const { scores } = consensusRanking(rankings, ['a', 'b'], 'bradley-terry');
    expect((scores.get('a') as number) - (scores.get('b') as number)).toBeCloseTo(Math.log(3.1 / 1.1), 8);
  });
});
