import { describe, expect, it } from 'vitest';
import { suggestionArm } from './suggestion-arm.ts';

const assignments = Array.from({ length: 4000 }, (_, n) => ({
  itemId: `00000000-0000-4000-8000-${String(n % 400).padStart(12, '0')}`,
  userId: `user-${Math.floor(n / 400)}`,
}));

describe('suggestionArm', () => {
  it('decides each assignment the same way every time (deterministic under a seed)', () => {
    const first = assignments.map((a) => suggestionArm(7, a.itemId, a.userId));
    expect(assignments.map((a) => suggestionArm(7, a.itemId, a.userId))).toEqual(first);
  });

  it('splits assignments into two balanced halves (within 4 standard deviations of 1/2)', () => {
    const shown = assignments.filter((a) => suggestionArm(7, a.itemId, a.userId) === 'shown').length;
    // Binomial(4000, 1/2): sd = sqrt(4000)/2 ~ 31.6.
    expect(Math.abs(shown - 2000)).toBeLessThan(4 * 31.7);
  });

  it('balances each annotator and each item too, not only the total', () => {
    for (let u = 0; u < 10; u++) {
      const own = assignments.filter((a) => a.userId === `user-${u}`);
      const shown = own.filter((a) => suggestionArm(7, a.itemId, a.userId) === 'shown').length;
      expect(Math.abs(shown - 200)).toBeLessThan(4 * 10);
    }
  });

  it('re-randomises with another seed: about half of the assignments change arm', () => {
    const changed = assignments.filter(
      (a) => suggestionArm(7, a.itemId, a.userId) !== suggestionArm(8, a.itemId, a.userId),
    ).length;
    expect(Math.abs(changed - 2000)).toBeLessThan(4 * 31.7);
  });
});
