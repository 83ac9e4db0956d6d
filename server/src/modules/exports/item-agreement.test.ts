import { describe, expect, it } from 'vitest';
import { itemAgreement } from './item-agreement.ts';

describe('itemAgreement', () => {
  it('is 1 when every annotator orders every pair alike', () => {
    expect(
      itemAgreement(
        [
          [['a'], ['b'], ['c']],
          [['a'], ['b'], ['c']],
        ],
        ['a', 'b', 'c'],
      ),
    ).toBe(1);
  });

  it('averages the majority share over the pairs judged at least twice', () => {
    // a>b: 2 of 3; a>c: 3 of 3; b vs c: b>c, tie, b>c -> 2 of 3.
    const rankings = [
      [['a'], ['b'], ['c']],
      [['b'], ['a'], ['c']],
      [['a'], ['b', 'c']],
    ];
    expect(itemAgreement(rankings, ['a', 'b', 'c'])).toBeCloseTo((2 / 3 + 1 + 2 / 3) / 3, 12);
  });

  it('counts a tie as a verdict of its own', () => {
    expect(itemAgreement([[['a', 'b']], [['a'], ['b']]], ['a', 'b'])).toBe(0.5);
  });

  it('has no agreement with a single annotator', () => {
    expect(itemAgreement([[['a'], ['b']]], ['a', 'b'])).toBeNull();
  });
});
