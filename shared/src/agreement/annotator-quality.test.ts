import { describe, expect, it } from 'vitest';
import type { AgreementRecord } from './agreement-record.ts';
import { annotatorQuality } from './annotator-quality.ts';
import { recordsFromMatrix } from './published-datasets.fixtures.ts';

describe('annotatorQuality', () => {
  it('scores nominal annotators by agreement with the others’ majority and flags the contrarian', () => {
    const records = recordsFromMatrix({
      a: ['x', 'x', 'y', 'y', 'x'],
      b: ['x', 'x', 'y', 'y', 'x'],
      c: ['x', 'x', 'y', 'y', 'x'],
      d: ['y', 'y', 'x', 'x', 'y'],
    });
    const quality = annotatorQuality(records);
    // a, b, c: the others' majority (2 of 3) is always their value -> 1. d: never -> 0.
    expect(quality.map((q) => [q.annotator, q.score, q.outlier])).toEqual([
      ['a', 1, false],
      ['b', 1, false],
      ['c', 1, false],
      ['d', 0, true],
    ]);
    // d against others' scores {1, 1, 1}: SD 0 is floored at 0.05, z = (0 - 1) / 0.05 = -20.
    expect(quality[3]?.z).toBeCloseTo(-20, 12);
  });

  it('gives half credit when the others’ majority is a tie between two values, one of them the annotator’s', () => {
    const quality = annotatorQuality(recordsFromMatrix({ a: ['x'], b: ['x'], c: ['y'] }));
    // a: others {x, y} tie -> 1/2; b likewise; c: others {x, x} -> 0.
    expect(quality.map((q) => q.score)).toEqual([0.5, 0.5, 0]);
  });

  it('correlates numeric annotators with the others’ mean and reports the mean absolute deviation', () => {
    const records = recordsFromMatrix({
      a: [1, 2, 3, 4, 5, 6],
      b: [1, 2, 3, 4, 5, 6],
      c: [2, 3, 4, 5, 6, 7],
      d: [6, 5, 4, 3, 2, 1],
    });
    const [a, , c, d] = annotatorQuality(records, { level: 'interval' });
    // a's consensus (mean of b, c, d) = 3, 10/3, 11/3, 4, 13/3, 14/3: a straight line, so r = 1;
    // |a - consensus| = 2, 4/3, 2/3, 0, 2/3, 4/3 -> mean 1.
    expect(a?.score).toBeCloseTo(1, 12);
    expect(a?.meanAbsoluteDeviation).toBeCloseTo(1, 12);
    // c is lenient by one point but in perfect order: r = 1, and the offset shows only in the deviation.
    expect(c?.score).toBeCloseTo(1, 12);
    expect(d?.score).toBeCloseTo(-1, 12);
    expect(d?.outlier).toBe(true);
  });

  it('scores rankings by agreement with the others’ majority on each pair of outputs', () => {
    const records: AgreementRecord[] = [
      { unit: 'i1', annotator: 'x', value: ['A', 'B', 'C'] },
      { unit: 'i1', annotator: 'y', value: ['B', 'A', 'C'] },
      { unit: 'i1', annotator: 'z', value: [['A', 'B'], 'C'] },
      { unit: 'i2', annotator: 'x', value: ['P', 'Q'] },
      { unit: 'i2', annotator: 'y', value: ['P', 'Q'] },
    ];
    // Pair AB: every annotator differs from both others (tied majority without them) -> 0; AC, BC -> 1; PQ -> 1.
    // x: 3 of 4 units, y: 3 of 4, z: 2 of 3.
    expect(annotatorQuality(records).map((q) => [q.annotator, q.units, q.score])).toEqual([
      ['x', 4, 0.75],
      ['y', 4, 0.75],
      ['z', 3, 2 / 3],
    ]);
  });

  it('gives no z with fewer than two other annotators to compare with', () => {
    const quality = annotatorQuality(recordsFromMatrix({ a: ['x', 'y'], b: ['x', 'x'] }));
    expect(quality.every((q) => q.z === null && !q.outlier)).toBe(true);
  });
});
