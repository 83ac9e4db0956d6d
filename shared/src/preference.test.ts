import { describe, expect, it } from 'vitest';
import type { PairwiseAnswer } from './answers.ts';
import { rankingPairs } from './answers.ts';
import { pairwiseGroups, pairwisePreference, STRENGTH_MARGINS, safetyBin, strengthMargin } from './preference.ts';

const AB = ['a', 'b'];
const preferred = (id: string, extra: Partial<PairwiseAnswer> = {}): PairwiseAnswer => ({
  type: 'pairwise',
  verdict: 'preferred',
  preferred: id,
  strength: 'better',
  ...extra,
});

describe('strength mapping (Llama 2, Table 27)', () => {
  it('maps significantly better / better / slightly better / negligibly better to margins 1, 2/3, 1/3, 0 (small)', () => {
    expect(STRENGTH_MARGINS.small).toEqual({
      'significantly-better': 1,
      better: 2 / 3,
      'slightly-better': 1 / 3,
      'negligibly-better': 0,
    });
  });

  it('and to 3, 2, 1, 0 on the large margin scale, decreasing with the strength', () => {
    expect(
      ['significantly-better', 'better', 'slightly-better', 'negligibly-better'].map((s) =>
        strengthMargin(s as PairwiseAnswer['strength'] & string, 'large'),
      ),
    ).toEqual([3, 2, 1, 0]);
  });
});

describe('pairwise answers as preferences and rankings', () => {
  it('a preference is chosen, rejected and a margin', () => {
    expect(pairwisePreference(preferred('b', { strength: 'significantly-better' }), AB)).toEqual({
      chosen: 'b',
      rejected: 'a',
      margin: 1,
    });
    expect(pairwisePreference(preferred('a', { strength: undefined }), AB)?.margin).toBeNull();
  });

  it('a tie or both-bad verdict is one group, so it induces no training pair', () => {
    for (const verdict of ['tie', 'both-bad'] as const) {
      const groups = pairwiseGroups({ type: 'pairwise', verdict }, AB);
      expect(groups).toEqual([['a', 'b']]);
      expect(rankingPairs(groups)).toEqual([]);
    }
    expect(rankingPairs(pairwiseGroups(preferred('b'), AB))).toEqual([['b', 'a']]);
  });
});

describe('safety bins (Llama 2, section 3.2.1)', () => {
  it('bins by the two safety labels and the preference', () => {
    expect(safetyBin(preferred('a', { safe: { a: true, b: false } }), AB)).toBe('preferred-safe-other-unsafe');
    expect(safetyBin(preferred('b', { safe: { a: true, b: false } }), AB)).toBe('preferred-unsafe-other-safe');
    expect(safetyBin({ type: 'pairwise', verdict: 'tie', safe: { a: true, b: true } }, AB)).toBe('both-safe');
    expect(safetyBin({ type: 'pairwise', verdict: 'both-bad', safe: { a: false, b: false } }, AB)).toBe('both-unsafe');
  });

  it('has no bin without both labels', () => {
    expect(safetyBin(preferred('a', { safe: { a: true } }), AB)).toBeNull();
    expect(safetyBin(preferred('a'), AB)).toBeNull();
  });
});
